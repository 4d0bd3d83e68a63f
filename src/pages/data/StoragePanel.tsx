import { useCallback, useEffect, useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { DataSet } from '../../core/dataSet';
import { BUILT_IN_DATA_SETS } from '../../data/builtInDataSets';
import { MAX_DATA_SET_FILE_CHARS, readDataSetFile, writeDataSetFile } from '../../data/dataSetFile';
import {
  deleteNamedDataSet,
  listSavedDataSets,
  loadNamedDataSet,
  saveNamedDataSet,
  type StoredDataSet,
} from '../../state/dataSetStore';

type Saved = Awaited<ReturnType<typeof listSavedDataSets>>[number];

interface Props {
  set: DataSet;
  name: string;
  onName: (name: string) => void;
  heldOutShare: number;
  /** Replaces the working set (a saved one, an opened file). */
  onReplace: (stored: Pick<StoredDataSet, 'name' | 'set'> & { heldOutShare?: number }) => void;
  /** Starts from built-in set `id` (the page downloads MNIST first where it needs it). */
  onLoadBuiltIn: (id: string) => void;
  /** The built-in set being prepared, if any. */
  pendingBuiltIn: string | null;
  onNewEmpty: () => void;
}

/** A file name from a set's name: letters, digits and dashes, ".json". */
function fileNameOf(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${stem || 'convscope-dataset'}.json`;
}

/** Starting points, saving in this browser, and the data set file: download and open. */
export function StoragePanel({
  set,
  name,
  onName,
  heldOutShare,
  onReplace,
  onLoadBuiltIn,
  pendingBuiltIn,
  onNewEmpty,
}: Props) {
  const [builtIn, setBuiltIn] = useState(BUILT_IN_DATA_SETS[0]!.id);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { builtIn: useId(), name: useId(), open: useId(), heading: useId() };

  const refresh = useCallback(async () => {
    try {
      setSaved(await listSavedDataSets());
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    let live = true;
    listSavedDataSets().then(
      (list) => live && setSaved(list),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);

  /** Runs a storage action, showing its message or its error. */
  const act = async (run: () => Promise<string>) => {
    setError(null);
    try {
      setMessage(await run());
    } catch (e) {
      setMessage('');
      setError((e as Error).message);
    }
  };

  const save = () =>
    act(async () => {
      const trimmed = name.trim();
      if (trimmed === '') throw new Error('Give the data set a name to save it under.');
      await saveNamedDataSet({ name: trimmed, set, heldOutShare, savedAt: Date.now() });
      await refresh();
      return `Saved "${trimmed}" in this browser.`;
    });

  const load = (savedName: string) =>
    act(async () => {
      const stored = await loadNamedDataSet(savedName);
      if (!stored) throw new Error(`"${savedName}" could not be read back (gone, or damaged); choose another.`);
      onReplace(stored);
      return `Loaded "${savedName}".`;
    });

  const remove = (savedName: string) =>
    act(async () => {
      await deleteNamedDataSet(savedName);
      await refresh();
      return `Deleted "${savedName}" from this browser.`;
    });

  const download = () => {
    setError(null);
    const url = URL.createObjectURL(new Blob([writeDataSetFile(set)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(name);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage(`Downloaded ${link.download}.`);
  };

  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    // A file's characters are at most its bytes × 1, and JSON of base64 is ASCII: refuse a huge one unread.
    if (file.size > 4 * MAX_DATA_SET_FILE_CHARS) {
      setMessage('');
      setError(`${file.name}: the file is far larger than any data set file; your current set is kept.`);
      return;
    }
    const read = readDataSetFile(await file.text());
    if (!read.ok) {
      setMessage('');
      setError(`${file.name}: ${read.reason} Your current set is kept.`);
      return;
    }
    onReplace({ name: file.name.replace(/\.json$/i, ''), set: read.set });
    setMessage(`Opened ${file.name}.`);
  };

  return (
    <section className="data-storage" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Start, save and share</h2>
      <div className="data-storage__row">
        <label htmlFor={ids.builtIn}>Built-in set</label>
        <select id={ids.builtIn} value={builtIn} onChange={(event) => setBuiltIn(event.target.value)}>
          {BUILT_IN_DATA_SETS.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onLoadBuiltIn(builtIn)} disabled={pendingBuiltIn !== null}>
          {pendingBuiltIn ? 'Loading…' : 'Load'}
        </button>
        <button type="button" onClick={onNewEmpty}>
          New empty set
        </button>
      </div>
      <p className="data-storage__hint">{BUILT_IN_DATA_SETS.find((b) => b.id === builtIn)?.description}</p>

      <div className="data-storage__row">
        <label htmlFor={ids.name}>Data set name</label>
        <input id={ids.name} type="text" value={name} maxLength={80} onChange={(event) => onName(event.target.value)} />
        <button type="button" onClick={() => void save()}>
          Save in this browser
        </button>
      </div>
      {saved.length > 0 && (
        <ul className="data-storage__saved" aria-label="Data sets saved in this browser" data-testid="saved-sets">
          {saved.map((s) => (
            <li key={s.name}>
              <span>
                <strong>{s.name}</strong>: {s.examples.toLocaleString('en')} examples in {s.classes} classes, saved{' '}
                {new Date(s.savedAt).toLocaleString()}
              </span>
              <button type="button" onClick={() => void load(s.name)} aria-label={`Load ${s.name}`}>
                Load
              </button>
              <button type="button" onClick={() => void remove(s.name)} aria-label={`Delete ${s.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="data-storage__row">
        <button type="button" onClick={download}>
          Download file
        </button>
        <label htmlFor={ids.open} className="data-storage__open">
          Open file…
        </label>
        <input id={ids.open} type="file" accept=".json,application/json" onChange={(event) => void open(event)} />
      </div>
      <p role="status" data-testid="storage-status">
        {message}
      </p>
      {error && (
        <p role="alert" className="error" data-testid="storage-error">
          {error}
        </p>
      )}
    </section>
  );
}
