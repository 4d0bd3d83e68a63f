/**
 * What the engine shows, trains and tests on. A model is shown at once on the test-digit pack (a
 * few KB); the training split (9.6 MB) is fetched when training needs it, with progress, and
 * handed over as its images arrive, so training can start before the rest is in; the test split
 * (1.6 MB) comes when an evaluation needs it. Each is fetched once. A user's own data set, when
 * given, takes MNIST's place: it is all here at once, and nothing is fetched.
 */
import { packPosition, type DigitPack } from '../data/digitPack';
import {
  loadDigitPack,
  loadMnistTest,
  loadMnistTrain,
  trainingDownloadBytes,
  type LoadProgress,
  type MnistSplit,
} from '../data/mnist';
import type { OwnData } from '../data/ownData';
import { testCheckSplit } from '../data/testCheck';
import type { TrainerEvent } from '../protocol/messages';

/** Loads a split; `onPartial` (training split only) hears of it while its images arrive, as loadMnistTrain says. */
export type SplitLoader = (
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  onPartial?: (split: MnistSplit, images: number) => void,
) => Promise<MnistSplit>;
export type DigitsLoader = (baseUrl: string) => Promise<DigitPack>;
/** Bytes the training download will take, to show before it starts. */
export type DataSizer = (baseUrl: string) => Promise<number>;

export interface DataLoaders {
  loadTrain?: SplitLoader;
  loadTest?: SplitLoader;
  loadDigits?: DigitsLoader;
  measureData?: DataSizer;
}

/** A test digit to show: image `position` of `split`, which is digit `index` of the 10,000-image test set. */
export interface Sample {
  split: MnistSplit;
  position: number;
  index: number;
}

export class EngineData {
  private digits: DigitPack | null = null;
  private trainLoad: Promise<MnistSplit> | null = null;
  private testLoad: Promise<MnistSplit> | null = null;
  /** The 60,000 training digits, from when the first have arrived; only `trainImages` of them can be read. */
  train: MnistSplit | null = null;
  /** Training images that can be read now: all of them once the download is complete. */
  trainImages = 0;
  private arrivals: (() => void)[] = [];
  /** The 10,000 test digits, once an evaluation has fetched them. */
  test: MnistSplit | null = null;
  /** The fixed fifth of the test digits that quick checks between epochs run on. */
  testCheck: MnistSplit | null = null;
  /** The training download failed: only a reload tries again. */
  failed = false;

  constructor(
    private readonly baseUrl: string,
    private readonly loaders: DataLoaders,
    private readonly emit: (event: TrainerEvent) => void,
    private readonly own: OwnData | null = null,
  ) {}

  /** Fetches the test-digit pack (own data shows its held-out examples instead); rejects with a message for the user when it cannot. */
  async loadDigits(): Promise<void> {
    if (this.own) await this.loadTest();
    else this.digits = await (this.loaders.loadDigits ?? loadDigitPack)(this.baseUrl);
  }

  /** Tells the page how much the training download weighs; silent when the manifest cannot be read (training will say). */
  announceSize(): void {
    if (this.own) return; // Nothing to download.
    const measure = this.loaders.measureData ?? trainingDownloadBytes;
    measure(this.baseUrl).then(
      (totalBytes) => this.train || this.emit({ type: 'dataPending', totalBytes }),
      () => {},
    );
  }

  /** The training split: fetched on the first call, with progress events; later calls share it. */
  loadTrain(): Promise<MnistSplit> {
    if (!this.trainLoad) {
      const started = performance.now();
      const own = this.own?.train;
      const load: SplitLoader = own
        ? async () => own
        : (this.loaders.loadTrain ??
          ((url, progress, partial) => loadMnistTrain(url, progress, fetch, undefined, partial)));
      const arrived = (split: MnistSplit, images: number) => {
        this.train = split;
        this.trainImages = images;
        for (const wake of this.arrivals.splice(0)) wake();
      };
      this.trainLoad = load(this.baseUrl, (p) => this.emit({ type: 'dataProgress', ...p }), arrived).then(
        (split) => {
          arrived(split, split.count);
          this.emit({ type: 'dataReady', split: 'train', count: split.count, loadMs: performance.now() - started });
          return split;
        },
        (error: unknown) => {
          this.failed = true;
          for (const wake of this.arrivals.splice(0)) wake();
          throw error;
        },
      );
    }
    return this.trainLoad;
  }

  /**
   * Resolves once `images` training images can be read (or all of them, if fewer), starting the
   * download if need be; rejects when it fails.
   */
  async trainImagesReady(images: number): Promise<void> {
    const load = this.loadTrain();
    while (this.trainImages < images && !this.trainComplete) {
      await Promise.race([load, new Promise<void>((resolve) => this.arrivals.push(resolve))]);
    }
  }

  /** Whether every training image has arrived. */
  get trainComplete(): boolean {
    return this.train !== null && this.trainImages === this.train.count;
  }

  /** The test split: fetched on the first call; a failed download is tried afresh by the next call. */
  loadTest(): Promise<MnistSplit> {
    if (!this.testLoad) {
      const started = performance.now();
      const own = this.own?.test;
      const load: SplitLoader = own
        ? async () => own
        : (this.loaders.loadTest ?? ((url: string) => loadMnistTest(url)));
      this.testLoad = load(this.baseUrl, () => {}).then(
        (split) => {
          this.test = split;
          // A user's held-out examples are few: the quick check runs on all of them.
          this.testCheck = own ? split : testCheckSplit(split);
          this.emit({ type: 'dataReady', split: 'test', count: split.count, loadMs: performance.now() - started });
          return split;
        },
        (error: unknown) => {
          this.testLoad = null;
          throw error;
        },
      );
    }
    return this.testLoad;
  }

  /** Something to show: the pack or the test split. */
  get ready(): boolean {
    return this.test !== null || this.digits !== null;
  }

  /**
   * Test digit `index` from the test split when it is in, else from the pack; a digit the pack
   * lacks shows the pack's first instead (the sample says which one it is). Null before any data.
   */
  sample(index: number): Sample | null {
    if (this.test) {
      const position = Math.min(index, this.test.count - 1);
      return { split: this.test, position, index: position };
    }
    if (!this.digits) return null;
    const position = Math.max(0, packPosition(this.digits, index));
    return { split: this.digits.split, position, index: this.digits.indices[position]! };
  }
}
