/**
 * One small IndexedDB database of the site's (saved models, data sets): opened per request and
 * closed after it, every failure turned into a sentence a person can act on (private windows,
 * sandboxed frames, a full disk, another tab holding an old version open).
 */

export interface BrowserDatabase {
  name: string;
  /** Creates the object stores of version 1. */
  createStores(db: IDBDatabase): void;
  /** What is stored, in messages: "models", "data sets". */
  what: string;
  /** What to do instead when storage fails, e.g. "Download the files instead." */
  instead: string;
}

function open(database: BrowserDatabase): Promise<IDBDatabase> {
  const unavailable = `This browser won't let the page store ${database.what} (a private window or blocked site data?). ${database.instead}`;
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(database.name, 1);
    } catch {
      return reject(new Error(unavailable));
    }
    request.onupgradeneeded = () => database.createStores(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(unavailable));
    request.onblocked = () =>
      reject(new Error(`Saved ${database.what} are busy in another tab of this site; close it and try again.`));
  });
}

/** Runs one request in a transaction on `storeName` of `database`, and closes the database afterwards. */
export async function withStore<T>(
  database: BrowserDatabase,
  storeName: string,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open(database);
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = run(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onabort = transaction.onerror = () => {
        const reason =
          transaction.error?.name === 'QuotaExceededError'
            ? 'the browser has no room left for it'
            : (transaction.error?.message ?? 'unknown error');
        reject(new Error(`Saving or reading ${database.what} in this browser failed: ${reason}. ${database.instead}`));
      };
    });
  } finally {
    db.close();
  }
}
