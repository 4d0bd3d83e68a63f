/**
 * Data sets kept in this browser (IndexedDB, database 'convscope-datasets', apart from the models'
 * so neither needs the other's version bumped): the working set the editor autosaves on every
 * change, which `#/playground?data=mine` trains on, and sets saved under a name.
 *
 * What comes back out of storage is checked like a file (an older page may have written it, or
 * another tab, or a hand in the developer tools): a record that is not a valid set reads as
 * missing. Every function rejects with a sentence a person can act on when storage is unavailable.
 */
import { checkDataSet, clampHeldOutShare, EXAMPLE_PIXELS, type DataSet } from '../core/dataSet';

export interface StoredDataSet {
  name: string;
  set: DataSet;
  /** Share of each class held out for testing, within HELD_OUT_SHARE_BOUNDS. */
  heldOutShare: number;
  /** Date.now() when saved. */
  savedAt: number;
}

const DB_NAME = 'convscope-datasets';
const WORKING = 'working';
const NAMED = 'named';
const WORKING_KEY = 'current';
const UNAVAILABLE =
  "This browser won't let the page store data sets (a private window or blocked site data?). Download the file instead.";

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, 1);
    } catch {
      return reject(new Error(UNAVAILABLE));
    }
    request.onupgradeneeded = () => {
      request.result.createObjectStore(WORKING);
      request.result.createObjectStore(NAMED, { keyPath: 'name' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(UNAVAILABLE));
    request.onblocked = () =>
      reject(new Error('Saved data sets are busy in another tab of this site; close it and try again.'));
  });
}

/** Runs one request in a transaction on `storeName` and closes the database afterwards. */
async function withStore<T>(
  storeName: string,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
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
        reject(new Error(`Saving or reading data sets in this browser failed: ${reason}. Download the file instead.`));
      };
    });
  } finally {
    db.close();
  }
}

/** A record read from storage as a StoredDataSet, or null when it is not a valid one. Pure. */
export function storedFromRecord(raw: unknown): StoredDataSet | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { name, set, heldOutShare, savedAt } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || typeof savedAt !== 'number' || !isDataSetShape(set)) return null;
  if (checkDataSet(set) !== null) return null;
  return { name, set, heldOutShare: clampHeldOutShare(Number(heldOutShare)), savedAt };
}

/** Whether `value` has a DataSet's structure (classes of names and byte arrays); checkDataSet checks its limits. */
function isDataSetShape(value: unknown): value is DataSet {
  if (typeof value !== 'object' || value === null) return false;
  const { classes } = value as { classes?: unknown };
  return (
    Array.isArray(classes) &&
    classes.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as { name?: unknown }).name === 'string' &&
        Array.isArray((c as { examples?: unknown }).examples) &&
        (c as { examples: unknown[] }).examples.every((e) => e instanceof Uint8Array && e.length === EXAMPLE_PIXELS),
    )
  );
}

/** The set the editor is working on (autosaved on every change); what `#/playground?data=mine` trains on. */
export async function loadWorkingDataSet(): Promise<StoredDataSet | null> {
  return storedFromRecord(await withStore(WORKING, 'readonly', (store) => store.get(WORKING_KEY)));
}

export async function saveWorkingDataSet(stored: StoredDataSet): Promise<void> {
  await withStore(WORKING, 'readwrite', (store) => store.put(stored, WORKING_KEY));
}

/** Sets saved under a name, newest first, without their examples' bytes. */
export async function listSavedDataSets(): Promise<
  { name: string; savedAt: number; examples: number; classes: number }[]
> {
  const records = await withStore(NAMED, 'readonly', (store) => store.getAll() as IDBRequest<unknown[]>);
  return records
    .map(storedFromRecord)
    .filter((stored): stored is StoredDataSet => stored !== null)
    .map(({ name, savedAt, set }) => ({
      name,
      savedAt,
      examples: set.classes.reduce((total, c) => total + c.examples.length, 0),
      classes: set.classes.length,
    }))
    .sort((a, b) => b.savedAt - a.savedAt);
}

/** Saves a set under its name, replacing one of the same name. */
export async function saveNamedDataSet(stored: StoredDataSet): Promise<void> {
  await withStore(NAMED, 'readwrite', (store) => store.put(stored));
}

export async function loadNamedDataSet(name: string): Promise<StoredDataSet | null> {
  return storedFromRecord(await withStore(NAMED, 'readonly', (store) => store.get(name)));
}

export async function deleteNamedDataSet(name: string): Promise<void> {
  await withStore(NAMED, 'readwrite', (store) => store.delete(name));
}
