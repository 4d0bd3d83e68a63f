import { DEFAULT_SPEC } from '../../core/defaultSpec';
import { pretrainedSource } from '../../training/useModelFiles';
import { useTrainer } from '../../training/useTrainer';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../../state/trainingParams';
import { InsideTheNetwork } from '../../training/InsideTheNetwork';
import { NetworkStage } from '../../training/NetworkStage';

const CONFIG = trainConfigOf(DEFAULT_TRAINING_PARAMS, DEFAULT_SPEC);

/** The pretrained network: its overview with traces, then layer by layer, for a test digit or one drawn on its pad. */
export function PretrainedNetwork() {
  const [view, send] = useTrainer({ backend: 'auto', config: CONFIG, model: pretrainedSource() });
  return (
    <>
      {view.snapshot && <NetworkStage snapshot={view.snapshot} spec={CONFIG.spec} />}
      <InsideTheNetwork view={view} config={CONFIG} send={send} />
    </>
  );
}
