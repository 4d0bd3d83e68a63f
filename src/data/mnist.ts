/**
 * Browser loader for the MNIST files that scripts/prepare-data.mjs puts under
 * public/data/mnist/: fetches with progress, checks lengths, decompresses,
 * decodes and validates. Runs in a worker or on the main thread.
 */
import { decodeDigitPack, DIGIT_PACK_FILE, DigitPackError, type DigitPack } from './digitPack';
import { maybeGunzip } from './gzip';
import { checkMnistDims, MNIST_FILES, parseMnistFile, readIdxHeader, type MnistRole } from './idx';

/** One split: `images` is [count, 28, 28] row-major bytes 0–255; `labels` is [count]. */
export interface MnistSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** The real split: 60,000 training and 10,000 test digits. */
export interface MnistData {
  train: MnistSplit;
  test: MnistSplit;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** Images of the split decoded so far, with their labels: what training may already use. */
  images?: number;
  /** Set while a failed download waits to be tried again: what went wrong and which attempt comes next. */
  retrying?: string;
}

export class MnistLoadError extends Error {
  override name = 'MnistLoadError';
}

/** A failure that may pass (a dropped connection, a busy server): worth another try. */
class TransientLoadError extends MnistLoadError {}

/** Pauses before the 2nd and 3rd attempt at a download that failed for a transient reason. */
const RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000];

interface ManifestEntry {
  path: string;
  bytes: number;
  rawBytes: number;
}
type Manifest = { version: number; files: Record<string, ManifestEntry> };

const FIX_HINT =
  'Check that every file of the built site was uploaded, including data/mnist/, and that the page is opened from the folder it was built for. Working from source, `npm run dev` prepares the data.';

/**
 * The 60,000 training digits (9.6 MB), with progress. They are decompressed as they arrive:
 * `onPartial` hears of the split as soon as the labels and some images are in, and again as more
 * come. The split it gets shares its bytes with the one the promise resolves with, filled in
 * place; only its first `images` images (LoadProgress.images) may be read before then.
 */
export function loadMnistTrain(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void = () => {},
  fetchImpl: typeof fetch = fetch,
  retryDelaysMs = RETRY_DELAYS_MS,
  onPartial: (split: MnistSplit, images: number) => void = () => {},
): Promise<MnistSplit> {
  return loadSplit(baseUrl, 'train', onProgress, fetchImpl, retryDelaysMs, onPartial);
}

/** The 10,000 test digits (1.6 MB), for evaluations and pages that show any test digit. */
export function loadMnistTest(
  baseUrl: string,
  onProgress: (progress: LoadProgress) => void = () => {},
  fetchImpl: typeof fetch = fetch,
  retryDelaysMs = RETRY_DELAYS_MS,
): Promise<MnistSplit> {
  return loadSplit(baseUrl, 'test', onProgress, fetchImpl, retryDelaysMs);
}

const SPLIT_ROLES = {
  train: ['trainImages', 'trainLabels'],
  test: ['testImages', 'testLabels'],
} as const satisfies Record<string, readonly [MnistRole, MnistRole]>;

async function loadSplit(
  baseUrl: string,
  split: keyof typeof SPLIT_ROLES,
  onProgress: (progress: LoadProgress) => void,
  fetchImpl: typeof fetch,
  retryDelaysMs: readonly number[],
  onPartial: (split: MnistSplit, images: number) => void = () => {},
): Promise<MnistSplit> {
  const [imagesRole, labelsRole] = SPLIT_ROLES[split];
  // Progress reports the images decoded too: as bytes arrive, and as images are decoded from them.
  let last: LoadProgress = { loadedBytes: 0, totalBytes: 0 };
  const report = (progress: LoadProgress) => onProgress((last = { ...progress, images: partial.images }));
  const partial = new PartialSplit(imagesRole, labelsRole, (split, images) => {
    onPartial(split, images);
    report(last);
  });
  const files = await loadMnistFiles(
    baseUrl,
    [imagesRole, labelsRole],
    report,
    fetchImpl,
    retryDelaysMs,
    (role, raw, written) => partial.arrived(role, raw, written),
  );
  return { images: files[imagesRole]!, labels: files[labelsRole]!, count: files[labelsRole]!.length };
}

/** Images decoded between two hand-overs of a partial split: a few each 100 ms, so the page is not flooded. */
const PARTIAL_STEP = 1_000;

/** A split while its files arrive: how many images can be read, with their labels. */
class PartialSplit {
  images = 0;
  private split: MnistSplit | null = null;
  private labels: Uint8Array | null = null;
  private imageBytes: Uint8Array | null = null;
  private imagesWritten = 0;

  constructor(
    private readonly imagesRole: MnistRole,
    private readonly labelsRole: MnistRole,
    private readonly onPartial: (split: MnistSplit, images: number) => void,
  ) {}

  /** `written` bytes of `role`'s decompressed file are in `raw` (a retry writes the same bytes again). */
  arrived(role: MnistRole, raw: Uint8Array, written: number): void {
    if (role === this.labelsRole && written === raw.length) this.labels = parseMnistFile(role, raw).data;
    if (role === this.imagesRole) [this.imageBytes, this.imagesWritten] = [raw, Math.max(written, this.imagesWritten)];
    this.update();
  }

  private update(): void {
    const raw = this.imageBytes;
    if (!raw || !this.labels || this.imagesWritten < 16) return;
    const file = MNIST_FILES[this.imagesRole].file;
    const { dims, headerBytes } = readIdxHeader(raw.subarray(0, this.imagesWritten), file);
    checkMnistDims(this.imagesRole, dims);
    const pixels = dims[1]! * dims[2]!;
    const images = Math.floor((this.imagesWritten - headerBytes) / pixels);
    if (images < Math.min(this.images + PARTIAL_STEP, dims[0]!)) return;
    this.images = images;
    this.split ??= { images: raw.subarray(headerBytes), labels: this.labels, count: dims[0]! };
    this.onPartial(this.split, images);
  }
}

/** The few test digits that pages showing a trained model need (about 12 KB instead of 11 MB). */
export async function loadDigitPack(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<DigitPack> {
  const url = new URL(`data/mnist/${DIGIT_PACK_FILE}`, baseUrl);
  const bytes = await withRetries(
    () => fetchBytes(url, fetchImpl),
    RETRY_DELAYS_MS,
    () => {},
  );
  try {
    return decodeDigitPack(await gunzipMnist(bytes));
  } catch (error) {
    if (error instanceof DigitPackError) throw new MnistLoadError(`${url.href}: ${error.message} ${FIX_HINT}`);
    throw error;
  }
}

/** Bytes that training downloads first (the training split's files, as the manifest lists them), to show before it starts. */
export async function trainingDownloadBytes(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<number> {
  const manifest = await fetchManifest(new URL('data/mnist/manifest.json', baseUrl), fetchImpl);
  return SPLIT_ROLES.train.reduce((total, role) => total + manifestEntry(manifest, role).bytes, 0);
}

/** Fetches, checks and decodes the given MNIST files in parallel; progress counts their bytes. */
async function loadMnistFiles(
  baseUrl: string,
  roles: readonly MnistRole[],
  onProgress: (progress: LoadProgress) => void,
  fetchImpl: typeof fetch,
  retryDelaysMs: readonly number[],
  onRaw: (role: MnistRole, raw: Uint8Array, written: number) => void = () => {},
): Promise<Partial<Record<MnistRole, Uint8Array>>> {
  const dir = new URL('data/mnist/', baseUrl);
  const loaded = new Array<number>(roles.length).fill(0);
  // A retry's note stays on show, while the other files go on, until its download moves again.
  const notes = new Array<string | undefined>(roles.length + 1);
  let totalBytes = 0;
  const report = () => {
    const retrying = notes.find((note) => note !== undefined);
    onProgress({ loadedBytes: Math.min(sum(loaded), totalBytes), totalBytes, ...(retrying && { retrying }) });
  };
  const retry = (slot: number, what: string) => (next: number, error: Error) => {
    notes[slot] = `${error.message} Trying ${what} again (attempt ${next} of ${retryDelaysMs.length + 1})…`;
    report();
  };
  const manifestUrl = new URL('manifest.json', dir);
  const manifest = await withRetries(
    () => fetchManifest(manifestUrl, fetchImpl),
    retryDelaysMs,
    retry(roles.length, 'the manifest'),
  );
  notes[roles.length] = undefined;
  const entries = roles.map((role) => manifestEntry(manifest, role));
  totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);

  const files = await Promise.all(
    roles.map(async (role, i) => {
      const entry = entries[i]!;
      const raw = new Uint8Array(entry.rawBytes);
      const download = () =>
        fetchInto(
          new URL(entry.path, dir),
          fetchImpl,
          raw,
          (n) => {
            loaded[i] = n;
            notes[i] = undefined;
            report();
          },
          (written) => onRaw(role, raw, written),
        );
      const written = await withRetries(download, retryDelaysMs, (next, error) => {
        loaded[i] = 0;
        retry(i, entry.path)(next, error);
      });
      if (written !== entry.rawBytes) {
        throw new MnistLoadError(
          `${entry.path} is truncated or damaged: it holds ${written} bytes where ${entry.rawBytes} were expected. ${FIX_HINT}`,
        );
      }
      return [role, parseMnistFile(role, raw).data] as const;
    }),
  );
  return Object.fromEntries(files);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Runs `attempt`, and again after each pause in `delaysMs` while it fails for a transient reason;
 * `onRetry` hears of each retry before its pause. The last failure says how many tries it took.
 */
async function withRetries<T>(
  attempt: () => Promise<T>,
  delaysMs: readonly number[],
  onRetry: (nextAttempt: number, error: Error) => void,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransientLoadError)) throw error;
      const pause = delaysMs[tries - 1];
      if (pause === undefined) {
        const tried = tries === 1 ? 'Check' : `Tried ${tries} times: check`;
        throw new MnistLoadError(`${error.message} ${tried} the connection, then try again.`);
      }
      onRetry(tries + 1, error);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

async function fetchOk(url: URL, fetchImpl: typeof fetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url.href);
  } catch (error) {
    throw new TransientLoadError(`Could not download ${url.href}: ${(error as Error).message}.`);
  }
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw new TransientLoadError(`The server could not send ${url.href} (HTTP ${response.status}).`);
  }
  if (!response.ok) {
    const what = response.status === 404 ? 'not found' : `refused`;
    throw new MnistLoadError(`MNIST data ${what} at ${url.href} (HTTP ${response.status}). ${FIX_HINT}`);
  }
  return response;
}

async function fetchManifest(url: URL, fetchImpl: typeof fetch): Promise<Manifest> {
  const response = await fetchOk(url, fetchImpl);
  const text = await response.text();
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (typeof manifest.files === 'object' && manifest.files) return manifest;
  } catch {
    // Falls through: a host that answers unknown paths with index.html lands here.
  }
  throw new MnistLoadError(
    `${url.href} is not the MNIST manifest (got ${text.trimStart().startsWith('<') ? 'a web page' : 'unreadable data'}): the site's base path is probably wrong. ${FIX_HINT}`,
  );
}

function manifestEntry(manifest: Manifest, role: MnistRole): ManifestEntry {
  const { file } = MNIST_FILES[role];
  const entry = manifest.files[file];
  if (!entry || typeof entry.path !== 'string' || !(entry.bytes > 0) || !(entry.rawBytes > 0)) {
    throw new MnistLoadError(`The MNIST manifest has no valid entry for ${file}. ${FIX_HINT}`);
  }
  return entry;
}

/** Downloads `url` whole (a small file). */
async function fetchBytes(url: URL, fetchImpl: typeof fetch): Promise<Uint8Array> {
  const read = await bodyReader(await fetchOk(url, fetchImpl), url, () => {});
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let chunk = await read(); chunk; chunk = await read()) {
    chunks.push(chunk);
    length += chunk.length;
  }
  return concat(chunks, length);
}

/**
 * The chunks of `response`'s body, one per call, then null; `onBytes` hears the bytes received
 * so far. A body that breaks off is a TransientLoadError: worth another try.
 */
async function bodyReader(
  response: Response,
  url: URL,
  onBytes: (n: number) => void,
): Promise<() => Promise<Uint8Array | null>> {
  const source = (response.body ?? new Blob([await response.arrayBuffer()]).stream()).getReader();
  let received = 0;
  return async () => {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await source.read();
    } catch (error) {
      throw new TransientLoadError(
        `The download of ${url.href} broke off after ${received.toLocaleString('en')} bytes (${(error as Error).message}).`,
      );
    }
    if (chunk.done) return null;
    received += chunk.value.length;
    onBytes(received);
    return chunk.value;
  };
}

/**
 * Downloads `url` into `target`, inflating gzip data as it arrives (a host may have inflated it
 * already: see maybeGunzip), and resolves with the bytes written. `onBytes` hears the bytes
 * received, `onWritten` the bytes written so far. More bytes than `target` holds is an error.
 */
async function fetchInto(
  url: URL,
  fetchImpl: typeof fetch,
  target: Uint8Array,
  onBytes: (n: number) => void,
  onWritten: (n: number) => void,
): Promise<number> {
  const read = await bodyReader(await fetchOk(url, fetchImpl), url, onBytes);
  let written = 0;
  const write = (chunk: Uint8Array) => {
    if (written + chunk.length > target.length) {
      const name = url.pathname.split('/').pop();
      throw new MnistLoadError(
        `${name} is damaged: it holds more than the ${target.length} bytes expected. ${FIX_HINT}`,
      );
    }
    target.set(chunk, written);
    written += chunk.length;
    onWritten(written);
  };
  const first = await read();
  if (first && first[0] === 0x1f && first[1] === 0x8b) await inflate(first, read, write);
  else for (let chunk = first; chunk; chunk = await read()) write(chunk);
  return written;
}

/** Pipes gzip chunks (`first`, then `read()` until null) through a DecompressionStream into `write`. */
async function inflate(
  first: Uint8Array,
  read: () => Promise<Uint8Array | null>,
  write: (chunk: Uint8Array) => void,
): Promise<void> {
  const inflater = new DecompressionStream('gzip');
  const input = inflater.writable.getWriter();
  const feed = (async () => {
    for (let chunk: Uint8Array | null = first; chunk; chunk = await read()) await input.write(chunk as BufferSource);
    await input.close();
  })();
  const fed = feed.then(
    () => null,
    (error: unknown) => (input.abort(error).catch(() => {}), error),
  );
  const output = inflater.readable.getReader();
  let failure: unknown = null;
  try {
    for (let chunk = await output.read(); !chunk.done; chunk = await output.read()) write(chunk.value);
  } catch (error) {
    output.cancel().catch(() => {});
    failure = error;
  }
  // A broken download is worth another try; a file too long says so; anything else is damaged gzip.
  const broken = await fed;
  if (broken instanceof TransientLoadError) throw broken;
  if (failure instanceof MnistLoadError) throw failure;
  failure ??= broken;
  if (failure)
    throw new MnistLoadError(`A downloaded MNIST file is corrupt (${(failure as Error).message}). ${FIX_HINT}`);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function gunzipMnist(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await maybeGunzip(bytes);
  } catch (error) {
    throw new MnistLoadError(`A downloaded MNIST file is corrupt (${(error as Error).message}). ${FIX_HINT}`);
  }
}
