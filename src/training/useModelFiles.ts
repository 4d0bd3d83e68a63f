import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_WEIGHT_BYTES, type ModelFilePart } from '../data/modelFile';
import type { ModelSource, TrainerCommand } from '../protocol/messages';
import {
  deleteSavedModel,
  listSavedModels,
  readSavedModel,
  saveModel,
  type SavedModelSummary,
} from '../state/savedModels';
import { latestWholeSetEvaluation, type TrainerView } from './trainerView';

/** The model the site ships: trained by scripts/train-pretrained.mjs, served with the app. */
export function pretrainedSource(): ModelSource {
  return {
    kind: 'url',
    label: 'the pretrained model',
    url: new URL('models/pretrained/convscope-model.json', document.baseURI).href,
  };
}

export interface ModelFilesMessage {
  kind: 'status' | 'alert';
  text: string;
}

export interface ModelFiles {
  saved: SavedModelSummary[] | null;
  /** The last outcome to announce (saving, downloading, a refused file). */
  message: ModelFilesMessage | null;
  download(): void;
  saveInBrowser(name: string): void;
  loadFiles(files: FileList | File[]): Promise<void>;
  loadSaved(model: SavedModelSummary): Promise<void>;
  deleteSaved(model: SavedModelSummary): Promise<void>;
  loadPretrained(): void;
}

type Purpose = { kind: 'download' } | { kind: 'browser'; name: string };

/** Save, download and load models through the engine; refusals come back as messages, never exceptions. */
export function useModelFiles(view: TrainerView, send: (command: TrainerCommand) => void): ModelFiles {
  const [saved, setSaved] = useState<SavedModelSummary[] | null>(null);
  const [message, setMessage] = useState<ModelFilesMessage | null>(null);
  const pending = useRef(new Map<number, Purpose>());
  const nextId = useRef(1);

  const refresh = useCallback(() => {
    listSavedModels().then(setSaved, () => setSaved([]));
  }, []);
  useEffect(refresh, [refresh]);

  // The engine answers 'export' with files; do with them what was asked.
  const exported = view.exported;
  useEffect(() => {
    const purpose = exported && pending.current.get(exported.requestId);
    if (!exported || !purpose) return;
    pending.current.delete(exported.requestId);
    if (purpose.kind === 'download') {
      exported.files.forEach(downloadFile);
      setMessage({
        kind: 'status',
        text: `Downloaded ${exported.files.map((f) => f.name).join(' and ')}: keep both files together to load the model again.`,
      });
      return;
    }
    const accuracy = latestWholeSetEvaluation(view.evaluations)?.testAccuracy ?? view.origin?.testAccuracy ?? null;
    saveModel(purpose.name, exported.files, accuracy).then(
      () => {
        setMessage({ kind: 'status', text: `Saved "${purpose.name}" in this browser.` });
        refresh();
      },
      (error: Error) => setMessage({ kind: 'alert', text: error.message }),
    );
  }, [exported, refresh, view.evaluations, view.origin]);

  // A refused file or a loaded model is announced once, when the engine reports it.
  const [reported, setReported] = useState({ loadError: view.loadError, origin: view.origin });
  if (view.loadError !== reported.loadError || view.origin !== reported.origin) {
    setReported({ loadError: view.loadError, origin: view.origin });
    if (view.loadError && view.loadError !== reported.loadError) {
      const { label, message } = view.loadError;
      setMessage({
        kind: 'alert',
        text: `${capitalize(label)} was not loaded: ${message} The current model is unchanged.`,
      });
    } else if (view.origin && view.origin !== reported.origin) {
      setMessage({ kind: 'status', text: `Loaded ${view.origin.label}.` });
    }
  }

  const requestExport = (purpose: Purpose) => {
    const requestId = nextId.current++;
    pending.current.set(requestId, purpose);
    send({ type: 'export', requestId });
  };

  return {
    saved,
    message,
    download: () => requestExport({ kind: 'download' }),
    saveInBrowser: (name) => requestExport({ kind: 'browser', name: name.trim() || 'Untitled model' }),
    async loadFiles(list) {
      const files = Array.from(list);
      const tooBig = files.find((f) => f.size > MAX_WEIGHT_BYTES);
      const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
      const label =
        jsonFiles.length === 1
          ? `"${jsonFiles[0]!.name}"`
          : files.length === 1
            ? `"${files[0]!.name}"`
            : 'the chosen files';
      if (files.length === 0) return;
      if (tooBig) {
        setMessage({
          kind: 'alert',
          text: `${capitalize(label)} was not loaded: "${tooBig.name}" is ${tooBig.size.toLocaleString('en')} bytes, more than a ConvScope model's ${MAX_WEIGHT_BYTES.toLocaleString('en')}. The current model is unchanged.`,
        });
        return;
      }
      const parts = await Promise.all(
        files.map(async (f): Promise<ModelFilePart> => ({ name: f.name, data: await f.arrayBuffer() })),
      );
      send({ type: 'load', source: { kind: 'files', label, files: parts } });
    },
    async loadSaved(model) {
      try {
        send({
          type: 'load',
          source: { kind: 'files', label: `"${model.name}"`, files: await readSavedModel(model.id) },
        });
      } catch (error) {
        setMessage({ kind: 'alert', text: (error as Error).message });
      }
    },
    async deleteSaved(model) {
      try {
        await deleteSavedModel(model.id);
        setMessage({ kind: 'status', text: `Deleted "${model.name}".` });
      } catch (error) {
        setMessage({ kind: 'alert', text: (error as Error).message });
      }
      refresh();
    },
    loadPretrained: () => send({ type: 'load', source: pretrainedSource() }),
  };
}

function downloadFile(file: ModelFilePart): void {
  const url = URL.createObjectURL(
    new Blob([file.data], { type: file.name.endsWith('.json') ? 'application/json' : 'application/octet-stream' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
