import { useMemo } from 'react';
import { DEFAULT_SPEC } from '../../core/defaultSpec';
import { useTrainer } from '../../training/useTrainer';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../../state/trainingParams';
import { BackpropStepper } from '../../widgets/BackpropStepper';
import { NetworkView } from '../../widgets/NetworkView';
import { TrainingChart } from '../../widgets/TrainingChart';
import { TrainingPanel } from '../../training/TrainingPanel';
import { StagePicture } from '../StagePicture';
import { ChapterPage, Question } from './ChapterPage';

/** The real model, from random weights, on 1,000 digits: small enough to step through by hand. */
const CONFIG = trainConfigOf({ ...DEFAULT_TRAINING_PARAMS, trainSize: 1000, epochs: 5, snapshotMs: 300 }, DEFAULT_SPEC);

export function TrainingChapter() {
  return (
    <ChapterPage
      slug="training"
      lede={
        <>
          <p>
            A network learns by lowering a <em>loss</em>, a number that says how wrong its outputs are. Backpropagation
            computes, for every weight, the <em>gradient</em>: how fast the loss changes when that weight changes. It
            works backwards from the loss, layer by layer, with the chain rule. Gradient descent then moves every weight
            a small step against its gradient (the step size is the <em>learning rate</em>), and the whole cycle repeats
            on the next batch.
          </p>
          <p>
            Inside a convolution the rule is short. Each weight of a filter touched many input cells, one per output
            position, so its gradient adds up over all of them. To get the filter&apos;s gradient dL/dk, slide the
            output&apos;s gradient dL/dy over the padded input as if it were a filter, without turning it: each position
            gives the gradient of one weight. (With stride s, the cells of dL/dy land s cells apart.)
          </p>
          <p>
            The gradient passed back to the input, dL/dx, goes the other way. Surround dL/dy with k − 1 rings of zeros
            for a k×k filter, turn the filter by 180° and slide it over the result, then drop the cells that belong to
            the input&apos;s padding. With a stride above 1, first spread dL/dy out, with s − 1 zeros between
            neighbouring cells.
          </p>
        </>
      }
      prose={
        <>
          <h2>One filter, one step at a time</h2>
          <div className="chapter__prose">
            <p>
              A 3×3 filter starts from small arbitrary weights. Its target is the feature map a vertical-edge filter
              would give. Each step computes the output, the loss (mean squared error), dL/dy, and dL/dk, then moves the
              filter against dL/dk.
            </p>
          </div>
        </>
      }
      stage={
        <StagePicture>
          <BackpropStepper />
        </StagePicture>
      }
    >
      <Question
        id="training-direction"
        task="Look at dL/dk before taking a step."
        question="A weight whose gradient is positive will…"
        options={['grow', 'shrink', 'stay the same']}
        answer={1}
        explanation="Gradient descent subtracts learning rate × gradient: a positive gradient means the loss rises with that weight, so the weight goes down."
      />
      <Question
        id="training-rate"
        task="Start over and take 10 steps with learning rate 0.01, then again with 0.2."
        question="Which reaches a low loss in fewer steps?"
        options={['0.01', '0.2']}
        answer={1}
        explanation="Larger steps cover more ground, as long as they do not overshoot; push the rate much higher and the loss grows instead of falling."
      />
      <RealModel />
    </ChapterPage>
  );
}

/** The same loop on the real network: step one batch at a time and watch the first-layer filters move. */
function RealModel() {
  const [view, send] = useTrainer({ backend: 'auto', config: CONFIG });
  const spec = useMemo(() => CONFIG.spec, []);
  return (
    <section aria-labelledby="real-model-heading">
      <h2 id="real-model-heading">The same loop on the real network</h2>
      <div className="chapter__prose">
        <p>
          The network below starts from random weights. Press <strong>Step</strong> to run one batch of 64 digits: one
          forward pass, one backward pass, one update of all 5,994 parameters. Watch the loss and the first layer&apos;s
          filters; then press <strong>Train</strong> to let it run.
        </p>
        <p>
          The loop is the same as above; two of its parts differ. The loss: the stepper measures the mean squared error
          against a target map, while the network measures the cross-entropy of its softmax probabilities, minus the
          logarithm of the probability it gives the true digit. The update: the stepper takes plain gradient descent
          steps, learning rate × gradient, while the network uses Adam, which scales each weight&apos;s step by running
          averages of that weight&apos;s past gradients.
        </p>
      </div>
      <TrainingPanel view={view} config={CONFIG} send={send} />
      {view.history.length > 0 && <TrainingChart batches={view.history} evaluations={view.evaluations} />}
      {view.snapshot ? (
        <NetworkView snapshot={view.snapshot} spec={spec} />
      ) : (
        <p role="status">The network appears here once the data and backend are ready.</p>
      )}
    </section>
  );
}
