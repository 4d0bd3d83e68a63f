import { ChapterPage, Question } from './ChapterPage';
import { PretrainedNetwork } from './PretrainedNetwork';

export function FeaturesChapter() {
  return (
    <ChapterPage
      slug="features"
      lede={
        <>
          <p>
            Here is a trained network (it reads 99% of the 10,000 MNIST test digits correctly). Its convolution layers
            turn the image into feature maps: the first layer&apos;s 8 filters respond to edges and strokes at different
            angles; the second layer&apos;s 16 filters combine those into larger parts. Pooling after each halves the
            height and the width of the maps.
          </p>
          <p>
            What reaches the dense layer is no longer a picture but 4×4×16 = 256 feature responses, flattened into a
            list. The dense layer weighs them into one score per digit class, and softmax turns the scores into
            probabilities. The conv layers extract features; the dense layer classifies.
          </p>
        </>
      }
      prose={
        <div className="chapter__prose">
          <p>
            Choose how to look: the maps below are for a test digit. Draw your own digit on the pad to see how each
            layer responds to it. The saliency map shows how sensitive the digit&apos;s score before softmax is to each
            pixel: red means a little more ink there would raise that score, blue that it would lower it. It measures
            sensitivity, not how much each pixel contributed to the answer.
          </p>
        </div>
      }
      stage={<PretrainedNetwork />}
    >
      <Question
        id="features-dense-inputs"
        task="Look at the layer just before the dense layer."
        question="How many numbers does the dense layer receive for each digit?"
        options={['784 (28×28 pixels)', '256 (4×4×16 features)', '10']}
        answer={1}
        explanation="After two conv + pool stages the digit is a 4×4×16 volume of feature responses; flattening it gives 256 numbers. The dense layer never sees the pixels."
      />
      <Question
        id="features-saliency"
        task="Draw a digit on the pad and look at its saliency map."
        question="What does a red pixel in the saliency map mean?"
        options={[
          'That pixel has ink',
          'More ink there would raise the score of the predicted digit',
          'The network ignores that pixel',
        ]}
        answer={1}
        explanation="The saliency map is the gradient of the predicted digit's score before softmax with respect to each pixel: red where a little more ink would raise the score, blue where it would lower it, white where it makes little difference. Often the most sensitive pixels are blank ones next to a stroke."
      />
    </ChapterPage>
  );
}
