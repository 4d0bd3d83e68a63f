import { useEffect, useMemo, useState } from 'react';
import { forwardPass } from '../../core/forwardPass';
import {
  accuracyPercent,
  argmax,
  sweepTally,
  type Classify,
  type SweepKind,
  type SweepTally,
} from '../../core/invariance';
import { readModelSource } from '../../data/modelFetch';
import type { LoadedModel } from '../../data/modelFile';
import { useMnistTestSplit } from '../../hooks/useMnistDigit';
import { useStepwise } from '../../hooks/useStepwise';
import { useUrlState } from '../../hooks/useUrlState';
import { INVARIANCE_SCHEMA, parseInvarianceParams } from '../../state/invarianceParams';
import { InvariancePlot, type InvarianceSeries } from '../../widgets/InvariancePlot';
import { ParamNotices } from '../../widgets/ParamNotices';
import './InvarianceExperiment.css';

/**
 * How many test digits (#0 onwards) the experiment moves: 500 × 4 directions gives 2,000 moved
 * digits per shift, and the CNNs' forward passes (about 1 ms each here) take some 25 s for a sweep.
 */
const EXPERIMENT_DIGITS = 500;

/** The four models, trained by scripts/train-pretrained.mjs (`--model`), in the plot's order. */
const MODELS: readonly (Omit<InvarianceSeries, 'accuracy'> & { folder: string })[] = [
  { id: 'cnn', label: 'CNN', network: 'cnn', augmented: false, folder: 'pretrained' },
  { id: 'dense', label: 'Dense', network: 'dense', augmented: false, folder: 'invariance/dense' },
  { id: 'cnn-aug', label: 'CNN + augmentation', network: 'cnn', augmented: true, folder: 'invariance/cnn-aug' },
  { id: 'dense-aug', label: 'Dense + augmentation', network: 'dense', augmented: true, folder: 'invariance/dense-aug' },
];

/** How the sweep moves each digit, for the plot's caption (core/invariance's movesAt). */
const MOVES: Record<SweepKind, string> = {
  shift: 'each shifted by 1 to 6 px right, left, down and up',
  rotate: 'each turned by 5° to 30° both ways',
};

// Fetched once per page load (about 100 KB), by the pages that show the experiment only.
let loading: Promise<LoadedModel[]> | null = null;

function loadModels(): Promise<LoadedModel[]> {
  loading ??= Promise.all(
    MODELS.map(async ({ folder }) => {
      const url = new URL(`models/${folder}/convscope-model.json`, document.baseURI).href;
      const read = await readModelSource({ kind: 'url', url });
      if ('error' in read) throw new Error(read.error);
      return read.ok;
    }),
  );
  loading.catch(() => {
    loading = null; // A later visit may try again.
  });
  return loading;
}

/** Finished sweeps, kept for the page's life: switching back to one shows it at once. */
const finished = new Map<SweepKind, SweepTally>();

function classifierOf(model: LoadedModel): Classify {
  return (pixels) => argmax(forwardPass(model.spec, model.weights, pixels).at(-1)!.activations);
}

interface Props {
  params: URLSearchParams;
  /** The route whose address keeps the switch's state. */
  path: string;
}

/**
 * The invariance experiment: the same test digits shifted (or turned) further and further, and
 * the accuracy of a CNN and of a dense network of about the same size on them, each trained with
 * and without augmentation. Computed here from the shipped models with core/forwardPass (no
 * tfjs), in slices so the page stays responsive, the curves firming up as digits are done.
 */
export default function InvarianceExperiment({ params, path }: Props) {
  const initial = useMemo(() => parseInvarianceParams(params), [params]);
  const [state, update] = useUrlState(path, INVARIANCE_SCHEMA, initial);
  const kind = state.sweep;
  const [models, setModels] = useState<LoadedModel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const split = useMnistTestSplit(true);
  useEffect(() => {
    let live = true;
    loadModels().then(
      (loaded) => live && setModels(loaded),
      (failure: Error) => live && setError(failure.message),
    );
    return () => {
      live = false;
    };
  }, []);
  const cached = finished.get(kind);
  const start = useMemo(() => {
    if (!models || !split || cached) return null;
    const classifiers = models.map(classifierOf);
    return () => sweepTally(classifiers, split, kind, EXPERIMENT_DIGITS);
  }, [models, split, kind, cached]);
  const run = useStepwise(start);
  useEffect(() => {
    if (run.done && run.value) finished.set(run.value.kind, run.value);
  }, [run.done, run.value]);
  const tally = cached ?? (run.value?.kind === kind ? run.value : null);

  return (
    <section
      className="invariance"
      aria-label="The invariance experiment: moved digits read by a CNN and a dense network"
    >
      <ParamNotices notices={initial.notices} />
      <fieldset className="invariance__switch">
        <legend>Move the test digits by</legend>
        {(['shift', 'rotate'] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="invariance-sweep"
              value={option}
              checked={kind === option}
              onChange={() => update({ sweep: option })}
            />{' '}
            {option === 'shift' ? 'shifting (0–6 px)' : 'turning (0–30°)'}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className="error">
          The experiment could not be run: {error}
        </p>
      ) : tally ? (
        <InvariancePlot
          kind={kind}
          amounts={tally.amounts}
          series={MODELS.map((model, m) => ({ ...model, accuracy: accuracyPercent(tally)[m]! }))}
          digits={tally.digits}
          total={Math.min(EXPERIMENT_DIGITS, split?.count ?? EXPERIMENT_DIGITS)}
          moves={MOVES[kind]}
        />
      ) : (
        <p role="status">Loading the four trained networks and the MNIST test digits…</p>
      )}
    </section>
  );
}
