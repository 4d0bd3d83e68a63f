import { useEffect, useMemo, useState } from 'react';
import { forwardPass } from '../../core/forwardPass';
import { accuracyPercent, argmax, sweepTally, type Classify, type SweepTally } from '../../core/invariance';
import type { SweepKind } from '../../core/sweepKinds';
import { readModelSource } from '../../data/modelFetch';
import type { LoadedModel } from '../../data/modelFile';
import { useMnistTestSplit } from '../../hooks/useMnistDigit';
import { useStepwise } from '../../hooks/useStepwise';
import { InvariancePlot, type InvarianceSeries } from '../../widgets/InvariancePlot';

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
  /** The move the plot shows. */
  kind: SweepKind;
}

/**
 * The invariance experiment's plot (InvarianceSection holds its switch): the same test digits
 * shifted (or turned) further and further, and the accuracy of a CNN and of a dense network of
 * about the same size on them, each trained with and without augmentation. Computed here from the
 * shipped models with core/forwardPass (no tfjs), in slices so the page stays responsive, the
 * curves firming up as digits are done.
 */
export default function InvarianceExperiment({ kind }: Props) {
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

  return error ? (
    <p role="alert" className="error">
      The experiment could not be run: {error}
    </p>
  ) : tally ? (
    <>
      <InvariancePlot
        kind={kind}
        amounts={tally.amounts}
        series={MODELS.map((model, m) => ({ ...model, accuracy: accuracyPercent(tally)[m]! }))}
        digits={tally.digits}
        total={Math.min(EXPERIMENT_DIGITS, split?.count ?? EXPERIMENT_DIGITS)}
        moves={MOVES[kind]}
      />
      {/* What the plot shows: here, with it, so the chapter's first load carries none of it. */}
      <p className="invariance__reading">
        Each point is the share of moved test digits a network still reads correctly: the course&rsquo;s CNN (5,994
        weights) or a dense network with 8 hidden units (6,370 weights). Trained on unmoved digits (solid lines),
        neither network is fully invariant: the CNN&rsquo;s last layer is dense over a 4×4 grid of features. But its
        accuracy falls more slowly than the dense network&rsquo;s, whose every weight is tied to one pixel. Dashed: the
        same networks trained on digits shifted up to 4 px and turned up to 15°. With augmentation the CNN keeps its
        accuracy over the shifts it trained on; the small dense network, which must spend its few weights on every
        position, gains less and loses accuracy on unmoved digits.
      </p>
    </>
  ) : (
    <p role="status">Loading the four trained networks and the MNIST test digits…</p>
  );
}
