/**
 * Models saved in this browser (IndexedDB): each entry keeps the files a download
 * would give, so loading one goes through the same validation as a chosen file.
 * Every function rejects with a sentence a person can act on when storage is
 * unavailable (private windows, sandboxed frames, a full disk).
 */
import type { ModelFilePart } from '../data/modelFile';
import { withStore, type BrowserDatabase } from './browserDatabase';

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

const STORE = 'models';
const DATABASE: BrowserDatabase = {
  name: 'convscope',
  createStores: (db) => db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }),
  what: 'models',
  instead: 'Download the files instead.',
};

export async function saveModel(name: string, files: ModelFilePart[], testAccuracy: number | null): Promise<number> {
  const record: SavedModelRecord = {
    name,
    savedAt: Date.now(),
    testAccuracy,
    bytes: files.reduce((sum, f) => sum + f.data.byteLength, 0),
    files,
  };
  return Number(await withStore(DATABASE, STORE, 'readwrite', (store) => store.add(record)));
}

/** Saved models, newest first, without their files. */
export async function listSavedModels(): Promise<SavedModelSummary[]> {
  const records = await withStore(
    DATABASE,
    STORE,
    'readonly',
    (store) => store.getAll() as IDBRequest<SavedModelRecord[]>,
  );
  return records
    .map(({ id, name, savedAt, testAccuracy, bytes }) => ({ id: id!, name, savedAt, testAccuracy, bytes }))
    .sort((a, b) => b.savedAt - a.savedAt);
}

export async function readSavedModel(id: number): Promise<ModelFilePart[]> {
  const record = await withStore(
    DATABASE,
    STORE,
    'readonly',
    (store) => store.get(id) as IDBRequest<SavedModelRecord | undefined>,
  );
  if (!record) throw new Error('That saved model is gone (deleted in another tab?).');
  return record.files;
}

export async function deleteSavedModel(id: number): Promise<void> {
  await withStore(DATABASE, STORE, 'readwrite', (store) => store.delete(id));
}
