/**
 * Models saved in this browser (IndexedDB): each entry keeps the files a download
 * would give, so loading one goes through the same validation as a chosen file.
 * Every function rejects with a sentence a person can act on when storage is
 * unavailable (private windows, sandboxed frames, a full disk).
 */
import type { ModelFilePart } from '../data/modelFile';

export interface SavedModelSummary {
  id: number;
  name: string;
  savedAt: number;
  /** Test-set accuracy when saved, if measured. */
  testAccuracy: number | null;
  bytes: number;
}

interface SavedModelRecord extends Omit<SavedModelSummary, 'id'> {
  id?: number;
  files: ModelFilePart[];
}

const DB_NAME = 'convscope';
const STORE = 'models';
const UNAVAILABLE =
  "This browser won't let the page store models (a private window or blocked site data?). Download the files instead.";

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, 1);
    } catch {
      return reject(new Error(UNAVAILABLE));
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(UNAVAILABLE));
    request.onblocked = () =>
      reject(new Error('Saved models are busy in another tab of this site; close it and try again.'));
  });
}

/** Runs one request in a transaction and closes the database afterwards. */
async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = run(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onabort = transaction.onerror = () => {
        const reason =
          transaction.error?.name === 'QuotaExceededError'
            ? 'the browser has no room left for it'
            : (transaction.error?.message ?? 'unknown error');
        reject(new Error(`Saving or reading models in this browser failed: ${reason}. Download the files instead.`));
      };
    });
  } finally {
    db.close();
  }
}

export async function saveModel(name: string, files: ModelFilePart[], testAccuracy: number | null): Promise<number> {
  const record: SavedModelRecord = {
    name,
    savedAt: Date.now(),
    testAccuracy,
    bytes: files.reduce((sum, f) => sum + f.data.byteLength, 0),
    files,
  };
  return Number(await withStore('readwrite', (store) => store.add(record)));
}

/** Saved models, newest first, without their files. */
export async function listSavedModels(): Promise<SavedModelSummary[]> {
  const records = await withStore('readonly', (store) => store.getAll() as IDBRequest<SavedModelRecord[]>);
  return records
    .map(({ id, name, savedAt, testAccuracy, bytes }) => ({ id: id!, name, savedAt, testAccuracy, bytes }))
    .sort((a, b) => b.savedAt - a.savedAt);
}

export async function readSavedModel(id: number): Promise<ModelFilePart[]> {
  const record = await withStore('readonly', (store) => store.get(id) as IDBRequest<SavedModelRecord | undefined>);
  if (!record) throw new Error('That saved model is gone (deleted in another tab?).');
  return record.files;
}

export async function deleteSavedModel(id: number): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
}
