import { useMemo } from 'react';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { useTrainer, type BackendInfo } from '../hooks/useTrainer';
import type { TrainConfig } from '../model/protocol';
import { parseTrainingParams } from '../state/trainingParams';
import { ParamNotices } from '../widgets/ParamNotices';
import { TrainingPanel } from '../widgets/TrainingPanel';

interface Props {
  params: URLSearchParams;
  onBackend: (info: BackendInfo | null) => void;
}

/** `#/playground`: train the default CNN on MNIST and watch the numbers move. */
export default function Playground({ params, onBackend }: Props) {
  const { value, notices } = useMemo(() => parseTrainingParams(withPageQuery(params)), [params]);
  const config: TrainConfig = {
    spec: DEFAULT_SPEC,
    optimizer: value.optimizer,
    learningRate: value.lr,
    lrDecayPerEpoch: value.lrDecay,
    batchSize: value.batch,
    epochs: value.epochs,
    trainSize: value.trainSize,
    seed: value.seed,
    snapshotIntervalMs: value.snapshotMs,
    evalEverySteps: value.evalEvery,
  };
  const [view, send] = useTrainer({ backend: value.backend, config, onBackend });
  return (
    <section className="playground">
      <h1>Playground</h1>
      <ParamNotices notices={notices} />
      <TrainingPanel view={view} config={config} send={send} />
    </section>
  );
}

/** `?backend=wasm` may also sit in the page's query string, before the hash. */
function withPageQuery(params: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(window.location.search);
  params.forEach((value, key) => merged.set(key, value));
  return merged;
}
