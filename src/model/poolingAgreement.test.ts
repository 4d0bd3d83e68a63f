import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomIntegerMatrix } from '../core/convFixtures.test-helpers';
import { stackChannels, type Matrix } from '../core/convolution';
import { pool2d, poolVolume, type PoolSettings } from '../core/pooling';
import { mulberry32 } from '../core/random';

// core/pooling's reference pooling against tf.maxPool and tf.avgPool, max winners included.
// Inputs are integers in [0, 3]: exact in float32, with many ties for the winners.

const MAX_2_2: PoolSettings = { kind: 'max', size: 2, stride: 2 };

describe('agreement with tf.maxPool and tf.avgPool (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const toTensor = (input: Matrix) => tf.tensor4d([input.map((row) => row.map((v) => [v]))]);
  const squeeze = (batch: number[][][][]): Matrix =>
    (batch[0] ?? []).map((row) => row.map((cell) => cell[0] as number));

  function* grid() {
    for (const rows of [4, 5, 6, 7, 8, 9]) {
      for (const size of [1, 2, 3, 4]) {
        for (const stride of [1, 2, 3]) yield { rows, cols: 13 - rows, size, stride };
      }
    }
  }

  it('computes the same outputs and max winners over sizes, pools and strides', () => {
    const rng = mulberry32(99);
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    let compared = 0;
    for (const { rows, cols, size, stride } of grid()) {
      const input = randomIntegerMatrix(rows, cols, rng, 0, 3);
      const max = pool2d(input, { kind: 'max', size, stride });
      const avg = pool2d(input, { kind: 'avg', size, stride });
      if (max.output.length === 0) continue; // tf refuses these
      compared++;
      const theirs = tf.tidy(() => {
        const x = toTensor(input);
        const { indexes } = tf.maxPoolWithArgmax(x, size, stride, 'valid');
        return {
          max: squeeze(tf.maxPool(x, size, stride, 'valid').arraySync()),
          avg: squeeze(tf.avgPool(x, size, stride, 'valid').arraySync()),
          // flat index (row·cols + col)·channels + channel, with one channel
          winners: squeeze((indexes as tf.Tensor4D).arraySync()).map((row) =>
            row.map((index) => ({ row: Math.floor(index / cols), col: index % cols })),
          ),
        };
      });
      const avgClose = avg.output.flat().every((v, i) => Math.abs(v - (theirs.avg.flat()[i] as number)) <= 1e-4);
      const same =
        JSON.stringify([max.output, max.winners]) === JSON.stringify([theirs.max, theirs.winners]) &&
        avg.output.flat().length === theirs.avg.flat().length &&
        avgClose;
      if (!same) mismatches.push(`${rows}×${cols} size ${size} stride ${stride}`);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(60);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('poolVolume matches tf on a 10-channel stack', () => {
    const rng = mulberry32(123);
    const volume = stackChannels(Array.from({ length: 10 }, () => randomIntegerMatrix(8, 6, rng, 0, 3)));
    const before = tf.memory().numTensors;
    for (const settings of [MAX_2_2, { kind: 'avg', size: 3, stride: 2 } as const]) {
      const theirs = tf.tidy(() => {
        const x = tf.tensor4d([volume]);
        const { kind, size, stride } = settings;
        const y = kind === 'max' ? tf.maxPool(x, size, stride, 'valid') : tf.avgPool(x, size, stride, 'valid');
        return (y.arraySync() as number[][][][])[0] ?? [];
      });
      const ours = poolVolume(volume, settings);
      expect(ours.flat(2).length).toBe(theirs.flat(2).length);
      ours.flat(2).forEach((v, i) => expect(v).toBeCloseTo(theirs.flat(2)[i] as number, 4));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
