import { describe, expect, it } from 'vitest';
import { CONV_K2 as K2, randomIntegerVolume, SAME, VALID, X } from './convFixtures.test-helpers';
import {
  KERNEL_PRESETS,
  conv2d,
  conv2dVolume,
  stackChannels,
  volumeChannel,
  type ConvSettings,
  type Matrix,
  type Volume,
} from './convolution';
import { mulberry32 } from './random';

describe('conv2dVolume', () => {
  // Two 3×3 channels, HWC: input[r][c] = [channel0[r][c], channel1[r][c]].
  const channel0: Matrix = [
    [1, 2, 0],
    [0, 1, 3],
    [2, 1, 1],
  ];
  const channel1: Matrix = [
    [0, 1, 1],
    [2, 0, 1],
    [1, 3, 0],
  ];
  const input = stackChannels([channel0, channel1]);
  const filter0 = stackChannels([
    [
      [1, 0],
      [0, 1],
    ],
    [
      [0, 2],
      [1, 0],
    ],
  ]);
  const filter1 = stackChannels([
    [
      [-1, 1],
      [0, 0],
    ],
    [
      [1, 1],
      [1, 1],
    ],
  ]);

  it('sums over every channel of the window, then adds each filter its bias', () => {
    // (0,0,0): channel 0 gives 1·1 + 1·1 = 2, channel 1 gives 1·2 + 2·1 = 4, bias 1 → 7
    // (0,0,1): channel 0 gives 1·(−1) + 2·1 = 1, channel 1 gives 0 + 1 + 2 + 0 = 3, bias −2 → 2
    expect(conv2dVolume(input, [filter0, filter1], [1, -2], VALID)).toEqual([
      [
        [7, 2],
        [8, -1],
      ],
      [
        [3, 5],
        [8, 4],
      ],
    ]);
  });

  it('equals the sum of per-channel conv2d results plus the bias', () => {
    const rng = mulberry32(77);
    const volume = randomIntegerVolume(6, 7, 3, rng, -3, 3);
    const filters = [randomIntegerVolume(3, 2, 3, rng, -3, 3), randomIntegerVolume(3, 2, 3, rng, -3, 3)];
    const settings: ConvSettings = { stride: 2, padding: 'same', dilation: 1 };
    const output = conv2dVolume(volume, filters, [0.5, -4], settings);
    filters.forEach((filter, n) => {
      const perChannel = [0, 1, 2].map((c) => conv2d(volumeChannel(volume, c), volumeChannel(filter, c), settings));
      const expected = perChannel[0]?.map((row, r) =>
        row.map(
          (value, c) => value + (perChannel[1]?.[r]?.[c] ?? NaN) + (perChannel[2]?.[r]?.[c] ?? NaN) + [0.5, -4][n]!,
        ),
      );
      expect(volumeChannel(output, n)).toEqual(expected);
    });
  });

  it('returns [] when the filters do not fit', () => {
    const ones: Matrix = [1, 1, 1, 1].map(() => [1, 1, 1, 1]);
    expect(conv2dVolume(input, [stackChannels([ones, ones])], [0], VALID)).toEqual([]);
  });

  it('refuses filters or biases that do not match', () => {
    expect(() => conv2dVolume(input, [stackChannels([K2])], [0], VALID)).toThrow(
      "Filter 1 is 2×2×1; expected 2×2×2 to match the input's 2 channels.",
    );
    expect(() => conv2dVolume(input, [filter0, filter1], [0], VALID)).toThrow('2 filters but 1 biases');
    expect(() => conv2dVolume(input, [], [], VALID)).toThrow('at least one filter');
  });
});

describe('volumeChannel and stackChannels', () => {
  it('split a volume into its channels and stack them back', () => {
    const volume: Volume = [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [7, 8, 9],
        [10, 11, 12],
      ],
    ];
    expect(volumeChannel(volume, 1)).toEqual([
      [2, 5],
      [8, 11],
    ]);
    expect(stackChannels([0, 1, 2].map((c) => volumeChannel(volume, c)))).toEqual(volume);
    expect(stackChannels([])).toEqual([]);
    expect(() => volumeChannel(volume, 3)).toThrow('No channel 3');
  });
});

describe('KERNEL_PRESETS', () => {
  const names = Object.keys(KERNEL_PRESETS) as (keyof typeof KERNEL_PRESETS)[];

  it('are all 3×3 with a label', () => {
    for (const name of names) {
      const { label, kernel } = KERNEL_PRESETS[name];
      expect(label.length).toBeGreaterThan(0);
      expect(kernel.map((row) => row.length)).toEqual([3, 3, 3]);
    }
  });

  it('keep the image (identity), its brightness (blur, sharpen) or remove flat areas (edges)', () => {
    expect(conv2d(X, KERNEL_PRESETS.identity.kernel, SAME)).toEqual(X);
    const total = (kernel: Matrix) => kernel.flat().reduce((a, b) => a + b, 0);
    expect(total(KERNEL_PRESETS.boxBlur.kernel)).toBeCloseTo(1, 12);
    expect(total(KERNEL_PRESETS.sharpen.kernel)).toBe(1);
    for (const name of ['horizontalEdge', 'verticalEdge', 'sobelX', 'sobelY'] as const) {
      expect(total(KERNEL_PRESETS[name].kernel)).toBe(0);
    }
  });

  it('tell horizontal from vertical edges', () => {
    const dark = [0, 0, 0, 0];
    const light = [5, 5, 5, 5];
    const horizontalEdge: Matrix = [dark, dark, light, light]; // light below dark
    const verticalEdge: Matrix = horizontalEdge.map((_, r) => horizontalEdge.map((row) => row[r] as number));
    const apply = (name: keyof typeof KERNEL_PRESETS, image: Matrix) =>
      conv2d(image, KERNEL_PRESETS[name].kernel, VALID);
    expect(apply('horizontalEdge', horizontalEdge)).toEqual([
      [15, 15],
      [15, 15],
    ]);
    expect(apply('verticalEdge', horizontalEdge)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(apply('verticalEdge', verticalEdge)).toEqual([
      [15, 15],
      [15, 15],
    ]);
    expect(apply('sobelY', horizontalEdge)).toEqual([
      [20, 20],
      [20, 20],
    ]);
    expect(apply('sobelX', verticalEdge)).toEqual([
      [20, 20],
      [20, 20],
    ]);
    expect(apply('sobelX', horizontalEdge)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});
