import { DEFAULT_SPEC } from '../../core/defaultSpec';
import { pretrainedSource } from '../../training/useModelFiles';
import { useTrainer } from '../../training/useTrainer';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../../state/trainingParams';
import { InsideTheNetwork } from '../../training/InsideTheNetwork';

const CONFIG = trainConfigOf(DEFAULT_TRAINING_PARAMS, DEFAULT_SPEC);

/** The pretrained network, layer by layer, for a test digit or one drawn on its pad. */
export function PretrainedNetwork() {
  const [view, send] = useTrainer({ backend: 'auto', config: CONFIG, model: pretrainedSource() });
  return <InsideTheNetwork view={view} config={CONFIG} send={send} />;
}
