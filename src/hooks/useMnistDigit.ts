import { useEffect, useState } from 'react';
import { packPosition, type DigitPack } from '../data/digitPack';
import type { MnistSplit } from '../data/mnist';

export type DigitState =
  | { status: 'loading' }
  | { status: 'ready'; pixels: number[][]; label: number; index: number }
  | { status: 'error'; message: string };

// One download per page load, shared by every widget that shows digits: the pack of test
// digits #0–#99 (about 16 KB), and the whole test split (1.6 MB) only for a digit beyond it.
let testSplit: Promise<MnistSplit> | null = null;
let digitPack: Promise<DigitPack> | null = null;

function loadPack(): Promise<DigitPack> {
  digitPack ??= import('../data/mnist').then(({ loadDigitPack }) =>
    loadDigitPack(new URL('./', document.baseURI).href),
  );
  digitPack.catch(() => {
    digitPack = null;
  });
  return digitPack;
}

/** Test digit `index` (clamped to the test set) as image `position` of a split. */
async function loadDigit(index: number): Promise<{ split: MnistSplit; position: number; index: number }> {
  const pack = await loadPack();
  const position = packPosition(pack, index);
  if (position >= 0) return { split: pack.split, position, index };
  const split = await loadMnistTestSplit();
  const clamped = Math.min(Math.max(0, index), split.count - 1);
  return { split, position: clamped, index: clamped };
}

/** The 10,000 test digits, downloaded once for the page (a failure is tried afresh by the next call). */
export function loadMnistTestSplit(): Promise<MnistSplit> {
  testSplit ??= import('../data/mnist').then(({ loadMnistTest }) =>
    loadMnistTest(new URL('./', document.baseURI).href),
  );
  testSplit.catch(() => {
    testSplit = null; // A later visit may try again.
  });
  return testSplit;
}

/** Test digit `index` (0–9,999) as 28×28 intensities in [0, 1], rounded to 2 decimals to stay readable. */
export function useMnistDigit(index: number, enabled: boolean): DigitState {
  const [state, setState] = useState<DigitState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadDigit(index).then(
      ({ split, position: i, index: shown }) => {
        if (!live) return;
        const pixels = Array.from({ length: 28 }, (_, r) =>
          Array.from({ length: 28 }, (_, c) => Math.round((split.images[i * 784 + r * 28 + c]! / 255) * 100) / 100),
        );
        setState({ status: 'ready', pixels, label: split.labels[i]!, index: shown });
      },
      (error: Error) => live && setState({ status: 'error', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, [index, enabled]);
  return state;
}

/** The 10,000 test digits on the page (shared download), or null until they arrive or when not `enabled`. */
export function useMnistTestSplit(enabled: boolean): MnistSplit | null {
  const [split, setSplit] = useState<MnistSplit | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadMnistTestSplit().then(
      (loaded) => live && setSplit(loaded),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return split;
}
