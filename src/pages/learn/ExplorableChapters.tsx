/**
 * Chapters 2–7: prose and questions around the explorables, which keep their state in
 * the chapter's own address.
 */
import ActivationExplorable from '../ActivationExplorable';
import ChannelsExplorable from '../ChannelsExplorable';
import ConvolutionExplorable from '../ConvolutionExplorable';
import PoolingExplorable from '../PoolingExplorable';
import { ChapterPage, Question } from './ChapterPage';
import { OutputVolumeCalculator } from './OutputVolumeCalculator';

interface Props {
  params: URLSearchParams;
}

/** `params` with `defaults` filled in where the address says nothing. */
function withDefaults(params: URLSearchParams, defaults: Record<string, string>): URLSearchParams {
  const merged = new URLSearchParams(params);
  for (const [key, value] of Object.entries(defaults)) if (!merged.has(key)) merged.set(key, value);
  return merged;
}

export function ConvolutionChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="convolution"
      lede={
        <p>
          A convolution layer holds small grids of weights called <em>filters</em> (or kernels). A filter is laid over a
          patch of the input; each input value under it is multiplied by the weight on top of it, the products are added
          up, and a bias is added. That one number is written into the output, the <em>feature map</em>. Then the filter
          moves on by one cell and does it again, until it has visited every position.
        </p>
      }
      prose={
        <div className="chapter__prose">
          <p>
            Below, a 3×3 vertical-edge filter slides over 5×5 data. Watch the highlighted window: the output cell being
            written is the sum of the nine products listed under the grids. Click an input cell to change it, or pick
            another filter.
          </p>
          <p>
            A note on the name. In mathematics, convolution turns the filter by 180° before sliding it; deep-learning
            libraries slide it as it is, without the turn, which mathematics calls <em>cross-correlation</em>. They
            still call it convolution, and so does this course: the ∗ below means the unturned version. For learning it
            makes no difference, since a network would simply learn the turned weights.
          </p>
        </div>
      }
      stage={<ConvolutionExplorable params={params} path="/learn/convolution" framed />}
    >
      <Question
        id="convolution-output-size"
        task="Before pressing play, count the positions a 3×3 window can take on a 5×5 grid."
        question="How large is the feature map?"
        options={['5×5', '4×4', '3×3', '2×2']}
        answer={2}
        explanation="The window's left column can start in columns 1, 2 or 3 (it must fit inside 5 columns), and likewise for rows: 3 × 3 positions, so 9 output cells."
      />
      <Question
        id="convolution-edge"
        task="Set the input to an MNIST digit and keep the vertical-edge filter."
        question="Where is the feature map strongest?"
        options={[
          'Everywhere the digit has ink',
          'Along the left and right edges of strokes',
          'In the blank background',
        ]}
        answer={1}
        explanation="The filter weighs its left column against its right column, so it responds where brightness changes from left to right: the sides of vertical strokes. Strongest means largest in size, whatever the sign: the map is strongly positive on one side of a stroke and strongly negative on the other. Flat areas, inked or blank, cancel out to about 0."
      />
    </ChapterPage>
  );
}

export function ParametersChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="parameters"
      lede={
        <p>
          Four settings shape a convolution layer: the <em>filter size</em> (how large a patch each output sees), the{' '}
          <em>number of filters</em> (how many feature maps come out, the output depth), the <em>stride</em> (how far
          the filter moves between positions) and the <em>padding</em> (how many rings of zeros surround the input).
        </p>
      }
      prose={
        <div className="chapter__prose">
          <p>
            Along each side, the output size is ⌊(input + 2·padding − filter) / stride⌋ + 1. The number of filters does
            not change the height and width: each filter makes one more feature map, stacked into the depth of the
            output. Each filter has filter × filter × input-depth weights and one bias.
          </p>
        </div>
      }
      before={<OutputVolumeCalculator />}
      stage={
        <ConvolutionExplorable
          params={withDefaults(params, { size: '7', stride: '2' })}
          path="/learn/parameters"
          framed
        />
      }
    >
      <Question
        id="parameters-stride"
        task="The explorable shows a 7×7 input, a 3×3 filter and stride 2."
        question="How many output cells does it write?"
        options={['25 (5×5)', '9 (3×3)', '4 (2×2)', '49 (7×7)']}
        answer={1}
        explanation="(7 − 3) / 2 + 1 = 3 positions per side: the filter starts at columns 1, 3 and 5. Stride 2 roughly halves each side."
      />
      <Question
        id="parameters-filters"
        task="In the calculator, go from 8 to 16 filters."
        question="What happens to the output?"
        options={['It gets twice as wide', 'It gets twice as deep, same height and width', 'Nothing changes']}
        answer={1}
        explanation="Every filter produces one feature map of the same height and width, so 16 filters give 16 maps: the depth doubles, and so does the number of weights."
      />
    </ChapterPage>
  );
}

export function PaddingChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="padding"
      lede={
        <p>
          Without padding, every convolution trims the edges: a 3×3 filter turns 28×28 into 26×26, and a deep stack
          would shrink the image away. Surrounding the input with zeros lets the filter be centred on the border cells
          too. <em>Same</em> padding follows one rule (TensorFlow&apos;s): add just enough zeros that a side of n cells
          gives ⌈n / stride⌉ output cells. At stride 1 that is as many cells out as in, which takes k − 1 zeros along
          each axis for a filter of size k. For odd k they split evenly, (k − 1) / 2 rings on every side; for even k
          they cannot, and the extra zero goes after the input, at the bottom and on the right.
        </p>
      }
      stage={<ConvolutionExplorable params={withDefaults(params, { pad: 'same' })} path="/learn/padding" framed />}
    >
      <Question
        id="padding-five"
        task="Set the kernel size to 5 and keep “same” padding."
        question="How many rings of zeros does a 5×5 filter need to keep the size?"
        options={['1', '2', '3', '5']}
        answer={1}
        explanation="At stride 1 a 5×5 filter needs 5 − 1 = 4 zeros along each axis. 5 is odd, so they split evenly: (5 − 1) / 2 = 2 rings on every side, which lets the filter's centre reach every input cell."
      />
      <Question
        id="padding-stride"
        task="Now set the stride to 2, still with “same” padding."
        question="Is the output still as large as the input?"
        options={['Yes', 'No, about half the size']}
        answer={1}
        explanation="Same padding only preserves the size at stride 1. With stride 2 the output is ⌈input / 2⌉ on each side."
      />
    </ChapterPage>
  );
}

export function ChannelsChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="channels"
      lede={
        <p>
          A colour image is a 3D tensor: height × width × 3 channels (red, green, blue). A filter over it is 3D too,
          exactly as deep as its input: a 3×3 filter on an RGB image has 3×3×3 = 27 weights. At each position all 27
          products are summed into <em>one</em> number, so each filter still gives a flat 2D feature map; 10 filters
          give 10 maps, an output of depth 10.
        </p>
      }
      stage={<ChannelsExplorable params={params} path="/learn/channels" framed />}
    >
      <Question
        id="channels-weights"
        task="Set the input size to 32: a 32×32×3 image, with its 10 filters of 3×3."
        question="How many weights (without biases) do the 10 filters have in all?"
        options={['90', '270', '30,720']}
        answer={1}
        explanation="Each filter is 3×3×3 = 27 weights, shared across all positions; 10 of them make 270. The image size does not matter."
      />
    </ChapterPage>
  );
}

export function ActivationChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="activation"
      lede={
        <p>
          A convolution is a weighted sum, and sums of sums are still one big weighted sum: stacking layers would add
          nothing. An <em>activation function</em> applied to every cell of a feature map bends that line. ReLU, max(0,
          x), keeps positive responses and zeroes the rest; sigmoid and tanh squash values into (0, 1) and (−1, 1).
        </p>
      }
      stage={<ActivationExplorable params={params} path="/learn/activation" framed />}
    >
      <Question
        id="activation-relu"
        task="Choose ReLU and look at the histogram of the feature map before and after."
        question="What happens to the negative values?"
        options={['They become positive', 'They all become 0', 'They are halved']}
        answer={1}
        explanation="ReLU outputs max(0, x): every negative response becomes exactly 0, the positive ones pass unchanged."
      />
    </ChapterPage>
  );
}

export function PoolingChapter({ params }: Props) {
  return (
    <ChapterPage
      slug="pooling"
      lede={
        <p>
          A pooling layer shrinks each feature map on its own. 2×2 <em>max pooling</em> with stride 2 splits a map into
          2×2 blocks and keeps the largest value of each: a 32×32 map becomes 16×16, a quarter of the cells. It has no
          weights to learn; it keeps the strongest response in each block, so a feature moved by a pixel often still
          comes through unchanged: it does when the move keeps it inside the same 2×2 block, not when it crosses into
          the next one.
        </p>
      }
      stage={<PoolingExplorable params={params} path="/learn/pooling" framed />}
    >
      <Question
        id="pooling-maps"
        task="Switch the input to the 10 feature maps of a 32×32 image."
        question="What comes out of 2×2 max pooling with stride 2?"
        options={['10 maps of 16×16', '5 maps of 32×32', '1 map of 16×16', '10 maps of 31×31']}
        answer={0}
        explanation="Pooling works on each map separately, so the depth stays 10, and each side is halved: (32 − 2) / 2 + 1 = 16."
      />
    </ChapterPage>
  );
}
