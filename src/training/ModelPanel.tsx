import { useId, useState } from 'react';
import type { ModelFiles } from './useModelFiles';
import type { ModelOrigin } from '../protocol/messages';
import './ModelPanel.css';

interface Props {
  files: ModelFiles;
  /** The saved model the weights started from; null for random weights. */
  origin: ModelOrigin | null;
  /** The seed random weights come from. */
  seed: number;
  /** Optimizer steps since the weights were loaded or reset. */
  stepsTrained: number;
  /** True while training or loading: files are handled between runs. */
  busy: boolean;
}

/** Where the weights came from, and saving, downloading and loading them. */
export function ModelPanel({ files, origin, seed, stepsTrained, busy }: Props) {
  const [name, setName] = useState('My model');
  const nameId = useId();
  const accuracy =
    origin?.testAccuracy != null ? ` (${(origin.testAccuracy * 100).toFixed(1)}% test accuracy when saved)` : '';
  const start = origin ? `started from ${origin.label}${accuracy}` : `random, drawn from seed ${seed}`;
  const trained = stepsTrained > 0 ? `, then trained ${stepsTrained.toLocaleString('en')} steps here` : '';
  const hint = origin ? ' Press Reset to start from random weights and watch the network learn.' : '';
  return (
    <section aria-labelledby="model-heading" className="model-panel">
      <h2 id="model-heading">Save and load</h2>
      <p data-testid="model-origin">
        Weights: {start}
        {trained}.{hint}
      </p>
      <fieldset disabled={busy} className="model-panel__actions">
        <legend className="sr-only">Save or load a model</legend>
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
        <button type="button" onClick={() => files.saveInBrowser(name)}>
          Save in this browser
        </button>
        <button type="button" onClick={files.download}>
          Download files
        </button>
        <label className="model-panel__file">
          Load files (.json and .bin){' '}
          <input
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              event.target.value = '';
              void files.loadFiles(chosen);
            }}
          />
        </label>
        <button type="button" onClick={files.loadPretrained}>
          Load the pretrained model
        </button>
      </fieldset>
      {files.message && (
        <p
          role={files.message.kind}
          className={files.message.kind === 'alert' ? 'error' : 'notice'}
          data-testid="model-message"
        >
          {files.message.text}
        </p>
      )}
      {files.saved && files.saved.length > 0 && (
        <table className="model-panel__saved" data-testid="saved-models">
          <caption>Saved in this browser</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {files.saved.map((model) => (
              <tr key={model.id}>
                <th scope="row">{model.name}</th>
                <td>{new Date(model.savedAt).toLocaleString()}</td>
                <td>{model.testAccuracy === null ? '—' : `${(model.testAccuracy * 100).toFixed(1)}%`}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void files.loadSaved(model)}
                    aria-label={`Load ${model.name}`}
                  >
                    Load
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => void files.deleteSaved(model)}
                    aria-label={`Delete ${model.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
