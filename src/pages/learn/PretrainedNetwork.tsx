import { useMemo, useState } from 'react';
import { DEFAULT_SPEC } from '../../core/defaultSpec';
import { pretrainedSource } from '../../training/useModelFiles';
import { useTrainer } from '../../training/useTrainer';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../../state/trainingParams';
import { drawnSnapshot } from '../../training/drawnSnapshot';
import { InsideTheNetwork } from '../../training/InsideTheNetwork';
import { NetworkStage } from '../../training/NetworkStage';

const CONFIG = trainConfigOf(DEFAULT_TRAINING_PARAMS, DEFAULT_SPEC);

/**
 * The pretrained network: its overview with traces, then layer by layer, for a test digit or one
 * drawn on its pad; while the drawing is shown below, the overview shows it too.
 */
export function PretrainedNetwork() {
  const [view, send] = useTrainer({ backend: 'auto', config: CONFIG, model: pretrainedSource() });
  const [drawingShown, setDrawingShown] = useState(false);
  const drawn = useMemo(() => drawnSnapshot({ prediction: view.prediction, lastBatch: null }), [view.prediction]);
  const overview = drawingShown && drawn ? drawn : view.snapshot;
  return (
    <>
      {overview && <NetworkStage snapshot={overview} spec={CONFIG.spec} />}
      <InsideTheNetwork view={view} config={CONFIG} send={send} onDrawingShown={setDrawingShown} />
    </>
  );
}
