import { useEffect, useState } from 'react';
import type { MnistSplit } from '../data/mnist';

export type DigitState =
  | { status: 'loading' }
  | { status: 'ready'; pixels: number[][]; label: number; index: number }
  | { status: 'error'; message: string };

// One download per page load, shared by every widget that shows digits.
let testSplit: Promise<MnistSplit> | null = null;

function loadTestSplit(): Promise<MnistSplit> {
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
    loadTestSplit().then(
      (split) => {
        if (!live) return;
        const i = Math.min(Math.max(0, index), split.count - 1);
        const pixels = Array.from({ length: 28 }, (_, r) =>
          Array.from({ length: 28 }, (_, c) => Math.round((split.images[i * 784 + r * 28 + c]! / 255) * 100) / 100),
        );
        setState({ status: 'ready', pixels, label: split.labels[i]!, index: i });
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
    loadTestSplit().then(
      (loaded) => live && setSplit(loaded),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return split;
}
