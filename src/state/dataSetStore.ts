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
import { withStore, type BrowserDatabase } from './browserDatabase';

export interface StoredDataSet {
  name: string;
  set: DataSet;
  /** Share of each class held out for testing, within HELD_OUT_SHARE_BOUNDS. */
  heldOutShare: number;
  /** Date.now() when saved. */
  savedAt: number;
}

const WORKING = 'working';
const NAMED = 'named';
const WORKING_KEY = 'current';
/** Its own database, so that adding it needed no upgrade of the models' one. */
const DATABASE: BrowserDatabase = {
  name: 'convscope-datasets',
  createStores: (db) => {
    db.createObjectStore(WORKING);
    db.createObjectStore(NAMED, { keyPath: 'name' });
  },
  what: 'data sets',
  instead: 'Download the file instead.',
};

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
  return storedFromRecord(await withStore(DATABASE, WORKING, 'readonly', (store) => store.get(WORKING_KEY)));
}

export async function saveWorkingDataSet(stored: StoredDataSet): Promise<void> {
  await withStore(DATABASE, WORKING, 'readwrite', (store) => store.put(stored, WORKING_KEY));
}

/** Sets saved under a name, newest first, without their examples' bytes. */
export async function listSavedDataSets(): Promise<
  { name: string; savedAt: number; examples: number; classes: number }[]
> {
  const records = await withStore(DATABASE, NAMED, 'readonly', (store) => store.getAll() as IDBRequest<unknown[]>);
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
  await withStore(DATABASE, NAMED, 'readwrite', (store) => store.put(stored));
}

export async function loadNamedDataSet(name: string): Promise<StoredDataSet | null> {
  return storedFromRecord(await withStore(DATABASE, NAMED, 'readonly', (store) => store.get(name)));
}

export async function deleteNamedDataSet(name: string): Promise<void> {
  await withStore(DATABASE, NAMED, 'readwrite', (store) => store.delete(name));
}
