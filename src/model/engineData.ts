/**
 * What the engine shows and trains on. A model is shown at once on the test-digit pack (a few
 * KB); the 11 MB MNIST split is fetched only when training needs it, once, with progress.
 */
import { packPosition, type DigitPack } from '../data/digitPack';
import {
  loadDigitPack,
  loadMnist,
  trainingDownloadBytes,
  type LoadProgress,
  type MnistData,
  type MnistSplit,
} from '../data/mnist';
import type { TrainerEvent } from '../protocol/messages';

export type DataLoader = (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<MnistData>;
export type DigitsLoader = (baseUrl: string) => Promise<DigitPack>;
/** Bytes the full download will take, to show before it starts. */
export type DataSizer = (baseUrl: string) => Promise<number>;

export interface DataLoaders {
  loadData?: DataLoader;
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
  private fullLoad: Promise<MnistData> | null = null;
  /** The 60,000/10,000 split, once it has arrived. */
  full: MnistData | null = null;
  /** The full download failed: only a reload tries again. */
  failed = false;

  constructor(
    private readonly baseUrl: string,
    private readonly loaders: DataLoaders,
    private readonly emit: (event: TrainerEvent) => void,
  ) {}

  /** Fetches the test-digit pack; rejects with a message for the user when it cannot. */
  async loadDigits(): Promise<void> {
    this.digits = await (this.loaders.loadDigits ?? loadDigitPack)(this.baseUrl);
  }

  /** Tells the page how much the training download weighs; silent when the manifest cannot be read (training will say). */
  announceSize(): void {
    const measure = this.loaders.measureData ?? trainingDownloadBytes;
    measure(this.baseUrl).then(
      (totalBytes) => this.full || this.emit({ type: 'dataPending', totalBytes }),
      () => {},
    );
  }

  /** The full split: fetched on the first call, with progress events; later calls share it. */
  loadFull(): Promise<MnistData> {
    if (!this.fullLoad) {
      const started = performance.now();
      const load = this.loaders.loadData ?? ((url, onProgress) => loadMnist(url, onProgress));
      this.fullLoad = load(this.baseUrl, (p) => this.emit({ type: 'dataProgress', ...p })).then(
        (data) => {
          this.full = data;
          const loadMs = performance.now() - started;
          this.emit({ type: 'dataReady', trainCount: data.train.count, testCount: data.test.count, loadMs });
          return data;
        },
        (error: unknown) => {
          this.failed = true;
          throw error;
        },
      );
    }
    return this.fullLoad;
  }

  /** Something to show: the pack or the full split. */
  get ready(): boolean {
    return this.full !== null || this.digits !== null;
  }

  /**
   * Test digit `index` from the full split when it is in, else from the pack; a digit the pack
   * lacks shows the pack's first instead (the sample says which one it is). Null before any data.
   */
  sample(index: number): Sample | null {
    if (this.full) {
      const position = Math.min(index, this.full.test.count - 1);
      return { split: this.full.test, position, index: position };
    }
    if (!this.digits) return null;
    const position = Math.max(0, packPosition(this.digits, index));
    return { split: this.digits.split, position, index: this.digits.indices[position]! };
  }
}
