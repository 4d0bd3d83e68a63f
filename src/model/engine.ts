/**
 * The training engine: loads MNIST, picks a backend, runs the training loop
 * and answers trainer commands with plain events. The same class runs inside
 * the Web Worker and, as a fallback, on the main thread.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, mulberry32, shuffledIndices } from '../core/random';
import { loadMnist, type LoadProgress, type MnistData } from '../data/mnist';
import { fastest, loseWebglContext, onWebglContextLost, probeBackend, switchBackend, webglRenderer } from './backends';
import { BackendLost, LossSignal } from './backendLoss';
import {
  type BackendName,
  type BackendProbe,
  type EngineState,
  type LayerSnapshot,
  type ModelSource,
  type TrainConfig,
  type TrainerCommand,
  type TrainerEvent,
} from '../protocol/messages';
import { readModelSource } from '../data/modelFetch';
import { writeModelFiles, type LoadedModel, type Result } from '../data/modelFile';
import { applyFlags } from './tfjsFlags';
import { effectiveFloatPrecision, Trainer } from './trainer';

export type Emit = (event: TrainerEvent, transfer?: Transferable[]) => void;
export type DataLoader = (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<MnistData>;

export interface EngineOptions {
  emit: Emit;
  thread: 'worker' | 'main';
  loadData?: DataLoader;
  /** Backends to time in 'auto' mode, fastest first wins. */
  candidates?: readonly BackendName[];
  /** A training step that takes longer than this means the backend stopped answering (default 30 s; the first step 60 s). */
  stepTimeoutMs?: number;
}

/** wasm first: it is rarely slow, so slower backends are dropped after a single timed step. */
const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

const STEP_TIMEOUT_MS = 30_000;

/** How often training copies the weights out of the backend, so a lost GPU context loses at most this much. */
const CHECKPOINT_MS = 2_000;

/** Test flag (see state/tfjsFlags): lose the WebGL context right after this step, as a GPU reset would. */
const LOSE_CONTEXT_FLAG = 'CONVSCOPE_LOSE_WEBGL_CONTEXT_AT_STEP';

/** Where training stands; a checkpoint keeps a copy. */
interface Progress {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  step: number;
  examplesSeen: number;
  elapsedMs: number;
  /** This epoch's shuffled order of the training images, made at its first batch. */
  order: Uint32Array | null;
}

function startOfTraining(): Progress {
  return { epoch: 0, batch: 0, step: 0, examplesSeen: 0, elapsedMs: 0, order: null };
}

/** Weights copied out of the backend with the progress they belong to; null means the seeded initial weights. */
interface Checkpoint {
  weights: Float32Array[];
  progress: Progress;
}

/** Resolves like `work`, or rejects with `message` after `ms` (the work itself cannot be cancelled). */
function withTimeout<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A loss this far above chance level (ln 10 ≈ 2.3) for this many batches means training diverged. */
const DIVERGED_LOSS = 10;
const DIVERGED_RUN = 20;

/** Lets queued messages (pause, reset) in between batches without setTimeout's 4 ms clamp. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class Engine {
  private state: EngineState = 'loading';
  private config!: TrainConfig;
  private data: MnistData | null = null;
  private dataFailed = false;
  private trainer: Trainer | null = null;
  private wantRunning = false;
  private loopDone: Promise<void> = Promise.resolve();
  private sampleIndex = 0;
  private lastSnapshotAt = -Infinity;
  /** Progress since the last reset. */
  private progress: Progress = startOfTraining();
  private recent: { ms: number; examples: number }[] = [];
  private highLossRun = 0;
  /** TensorFlow.js flags a test set, described for the backend report. */
  private testFlags = '';
  /** The latest test-set accuracy of the current weights (saved with them), or null. */
  private testAccuracy: number | null = null;
  private readonly loss = new LossSignal();
  private checkpoint: Checkpoint | null = null;
  private checkpointAt = -Infinity;
  /** Only a backend that can lose its memory (WebGL) needs its weights copied out. */
  private checkpointing = false;
  private recovery: { loss: BackendLost; done: Promise<void> } | null = null;
  private loseContextAtStep = 0;

  constructor(private readonly options: EngineOptions) {}

  /**
   * Handles one command; resolves when it has taken effect (a started loop keeps running).
   * Commands stop waiting on the backend the moment it is lost (init guards its own GPU work).
   */
  async handle(command: TrainerCommand): Promise<void> {
    try {
      await (command.type === 'init' ? this.dispatch(command) : this.loss.guard(this.dispatch(command)));
    } catch (error) {
      if (error instanceof BackendLost) await this.recoverOnce(error);
      else this.fail((error as Error).message);
    }
  }

  private async dispatch(command: TrainerCommand): Promise<void> {
    switch (command.type) {
      case 'init':
        this.testFlags = applyFlags(command.flags);
        this.loseContextAtStep = Number(command.flags?.[LOSE_CONTEXT_FLAG] ?? 0);
        return await this.init(command.baseUrl, command.backend, command.config, command.model);
      case 'start':
      case 'resume':
        return this.run();
      case 'pause':
        await this.halt();
        if (this.state === 'training') this.setState('paused');
        return await this.saveCheckpoint();
      case 'step':
        return await this.stepOnce();
      case 'stop':
        await this.halt();
        return this.disposeTrainer();
      case 'reset':
        await this.halt();
        this.disposeTrainer(false);
        this.config = { ...this.config, ...command.config };
        this.trainer = this.newTrainer();
        this.emit({ type: 'origin', origin: null });
        this.setState(this.settledState());
        return await this.postFirstSnapshot();
      case 'evaluate':
        if (this.trainer && this.data && !this.wantRunning) await this.evaluate(false);
        return;
      case 'predict':
        return await this.predict(command.pixels);
      case 'setSample':
        this.sampleIndex = Math.max(0, Math.floor(command.index));
        return await this.postSnapshot();
      case 'load':
        return await this.load(command.source);
      case 'export':
        return await this.export(command.requestId);
      case 'setLearningRate':
        this.config = { ...this.config, learningRate: command.learningRate };
        this.trainer?.setLearningRate(this.currentLearningRate());
        return;
    }
  }

  private emit(event: TrainerEvent, transfer?: Transferable[]): void {
    this.options.emit(event, transfer);
  }

  private setState(state: EngineState): void {
    this.state = state;
    this.emitState();
  }

  private emitState(): void {
    this.emit({ type: 'state', state: this.state, numTensors: tf.memory().numTensors });
  }

  private fail(message: string): void {
    this.wantRunning = false;
    this.emit({ type: 'error', message });
    this.setState('error');
  }

  /** Loads the data while it times the backends; commands queued meanwhile run once both are done. */
  private async init(baseUrl: string, backend: BackendName | 'auto', config: TrainConfig, model?: ModelSource): Promise<void> {
    this.config = config;
    const load = this.options.loadData ?? ((url, onProgress) => loadMnist(url, onProgress));
    const started = performance.now();
    const data = load(baseUrl, (p) => this.emit({ type: 'dataProgress', ...p })).then((loaded) => {
      const loadMs = performance.now() - started;
      this.emit({ type: 'dataReady', trainCount: loaded.train.count, testCount: loaded.test.count, loadMs });
      return loaded;
    });
    data.catch(() => {}); // Handled below, after the backend is chosen.
    const saved = model ? readModelSource(model) : null; // Fetched while the backends are timed; never rejects.
    if (!(await this.chooseBackend(backend))) return;
    if (!model || !saved || !(await this.useModel(model.label, await saved))) this.trainer = this.newTrainer();
    try {
      this.data = await data;
    } catch (error) {
      this.dataFailed = true;
      return this.fail((error as Error).message);
    }
    this.setState('idle');
    await this.loss.guard(this.postFirstSnapshot());
  }

  /** Replaces the model with a saved one, unless the source cannot be read or fails validation. */
  private async load(source: ModelSource): Promise<void> {
    const model = await readModelSource(source);
    if ('error' in model) {
      this.emit({ type: 'loadRejected', label: source.label, message: model.error });
      return;
    }
    await this.halt();
    this.disposeTrainer(false);
    await this.useModel(source.label, model);
    this.setState(this.settledState());
    await this.postFirstSnapshot();
  }

  /** Builds the model a file describes and announces it; false (with a message) when it cannot. */
  private async useModel(label: string, model: Result<LoadedModel>): Promise<boolean> {
    if ('error' in model) {
      this.emit({ type: 'loadRejected', label, message: model.error });
      return false;
    }
    const { spec, weights, testAccuracy, trainedExamples } = model.ok;
    this.config = { ...this.config, spec };
    const trainer = this.newTrainer();
    trainer.importWeights(weights);
    this.trainer = trainer;
    this.checkpoint = { weights, progress: startOfTraining() };
    this.testAccuracy = testAccuracy;
    this.emit({ type: 'origin', origin: { label, spec, testAccuracy, trainedExamples } });
    return true;
  }

  /** The current model as a model.json and a weights file. */
  private async export(requestId: number): Promise<void> {
    if (!this.trainer) return;
    const { spec } = this.config;
    const weights = await this.trainer.exportWeights();
    const files = writeModelFiles({ spec, weights, testAccuracy: this.testAccuracy, trainedExamples: this.progress.examplesSeen }, this.trainer.topology());
    this.emit({ type: 'exported', requestId, files }, files.map((f) => f.data));
  }

  /** The untrained network, so the page can show it before any training (unless snapshots are off). */
  private async postFirstSnapshot(): Promise<void> {
    if (this.config.snapshotIntervalMs > 0) await this.postSnapshot();
  }

  /** Picks the forced or the fastest backend; false when the forced one cannot run on this thread. */
  private async chooseBackend(forced: BackendName | 'auto'): Promise<boolean> {
    const probes: BackendProbe[] = [];
    let chosen: BackendName;
    let reason: string;
    if (forced !== 'auto' && (await switchBackend(forced))) {
      chosen = forced;
      reason = `${forced} was chosen in the URL (?backend=${forced}).`;
    } else if (forced !== 'auto' && this.options.thread === 'worker') {
      this.emit({ type: 'unavailable', reason: `The ${forced} backend cannot run in a Web Worker here.` });
      return false;
    } else {
      const { spec, batchSize } = this.config;
      for (const name of this.options.candidates ?? PROBE_ORDER) {
        probes.push(await probeBackend(name, spec, batchSize, fastest(probes)?.examplesPerSec ?? 0));
      }
      const best = fastest(probes);
      if (!best) throw new Error('No compute backend could train here: WebGL, WebAssembly and the CPU fallback all failed.');
      chosen = best.backend;
      await switchBackend(chosen);
      reason = `${chosen} trained fastest in a start-up test (${describeProbes(probes)}).`;
      if (forced !== 'auto') reason = `${forced} could not start here, so ${reason}`;
    }
    this.watchBackend();
    const renderer = webglRenderer();
    if (renderer) reason += ` GPU: ${renderer}.`;
    if (this.testFlags) reason += ` Test flags: ${this.testFlags}.`;
    const floatPrecision = effectiveFloatPrecision();
    this.emit({ type: 'backend', backend: chosen, thread: this.options.thread, reason, probes, floatPrecision });
    return true;
  }

  private newTrainer(): Trainer {
    const { spec, seed, optimizer, learningRate } = this.config;
    return new Trainer(spec, seed, optimizer, learningRate);
  }

  /** Frees the model and optimizer and zeroes the progress; `announce` reports the new state. */
  private disposeTrainer(announce = true): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.resetProgress();
    if (announce) this.setState(this.settledState());
  }

  /** Where a reset or stop lands: ready, still loading, or stuck without data. */
  private settledState(): EngineState {
    return this.data ? 'idle' : this.dataFailed ? 'error' : 'loading';
  }

  private resetProgress(): void {
    this.progress = startOfTraining();
    this.checkpoint = null;
    this.recent = [];
    this.highLossRun = 0;
    this.testAccuracy = null;
    this.lastSnapshotAt = -Infinity;
  }

  private run(): void {
    if (this.wantRunning || this.finished() || !this.data) return;
    this.wantRunning = true;
    this.setState('training');
    this.loopDone = this.loop();
  }

  /** Stops the loop after the batch in flight. */
  private async halt(): Promise<void> {
    this.wantRunning = false;
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    try {
      this.trainer ??= this.newTrainer();
      while (this.wantRunning) {
        await this.loss.guard(this.trainBatch());
        await yieldToEvents();
      }
    } catch (error) {
      if (error instanceof BackendLost) await this.recoverOnce(error);
      else this.fail((error as Error).message);
    }
  }

  /** Done or failed: only a reset trains again. */
  private finished(): boolean {
    return this.state === 'error' || this.state === 'done';
  }

  private async stepOnce(): Promise<void> {
    if (this.wantRunning || this.finished() || !this.data) return;
    this.trainer ??= this.newTrainer();
    await this.trainBatch();
    if (!this.finished()) this.setState('paused');
    await this.saveCheckpoint();
  }

  private batchesPerEpoch(): number {
    return Math.ceil(this.trainSize() / this.config.batchSize);
  }

  private trainSize(): number {
    return Math.min(this.config.trainSize, this.data!.train.count);
  }

  /**
   * One optimizer step with what follows it (snapshot, evaluation), timed as a whole: the
   * examples/s users see is what training really delivers, evaluations aside.
   */
  private async trainBatch(): Promise<void> {
    const started = performance.now();
    const { batchSize, seed } = this.config;
    this.progress.order ??= shuffledIndices(this.trainSize(), mulberry32(deriveSeed(seed, this.progress.epoch)));
    const indices = this.progress.order.subarray(this.progress.batch * batchSize, (this.progress.batch + 1) * batchSize);
    const learningRate = this.currentLearningRate();
    const trainer = this.trainer!;
    if (this.config.lrDecayPerEpoch !== 1) trainer.setLearningRate(learningRate);
    const { loss, accuracy } = await this.guardedStep(indices);
    if (trainer !== this.trainer) return; // Abandoned: the backend was lost while this step ran.
    if (this.diverged(loss)) return;
    this.progress.step++;
    if (this.progress.step === this.loseContextAtStep) loseWebglContext();
    this.progress.batch++;
    this.progress.examplesSeen += indices.length;
    this.emitBatch({ loss, accuracy, learningRate }, indices.length, performance.now() - started);
    if (performance.now() - this.lastSnapshotAt >= this.config.snapshotIntervalMs && this.config.snapshotIntervalMs > 0) {
      await this.postSnapshot();
    }
    const trainedMs = performance.now() - started;
    await this.evaluateIfDue(this.progress.elapsedMs + trainedMs);
    // Training time and throughput count snapshots, not test-set evaluations (a measurement).
    this.progress.elapsedMs += trainedMs;
    this.recent.push({ ms: trainedMs, examples: indices.length });
    if (this.recent.length > 20) this.recent.shift();
    if (performance.now() - this.checkpointAt >= CHECKPOINT_MS) await this.saveCheckpoint();
  }

  /** Copies the weights out of the backend (cheap: a few thousand to a few hundred thousand numbers). */
  private async saveCheckpoint(): Promise<void> {
    if (!this.trainer || !this.checkpointing) return;
    const progress = { ...this.progress };
    this.checkpointAt = performance.now();
    this.checkpoint = { weights: await this.trainer.exportWeights(), progress };
  }

  /**
   * Recovers the moment the WebGL context is lost, whether or not training runs: work waiting on
   * the GPU (a step, a snapshot) is abandoned instead of waiting for a read that never ends.
   */
  private watchBackend(): void {
    this.loss.arm();
    this.checkpointing = onWebglContextLost(() => {
      const during = this.wantRunning ? ` during step ${this.progress.step + 1}` : '';
      const reason = `The GPU's WebGL context was lost${during} (the GPU was reset, or the browser took it back for another page).`;
      void this.recoverOnce(this.loss.lose(reason));
    });
  }

  /** Every command and the loop that saw the same loss wait for one recovery. */
  private recoverOnce(loss: BackendLost): Promise<void> {
    if (this.recovery?.loss !== loss) this.recovery = { loss, done: this.recover(loss) };
    return this.recovery.done;
  }

  /**
   * Goes on without the lost backend: another one takes over with the last checkpoint's weights
   * and progress, paused, so a click resumes training. The optimizer's running averages are not
   * in the checkpoint and start afresh.
   */
  private async recover(loss: BackendLost): Promise<void> {
    this.wantRunning = false; // The loop exits on its own; a step in flight is abandoned.
    const lostBackend = tf.getBackend() as BackendName;
    const lostAt = this.progress.step;
    const { checkpoint } = this;
    try {
      this.trainer?.dispose();
    } catch {
      // Its textures went with the context.
    }
    this.trainer = null;
    const next = await this.firstBackendBesides(lostBackend);
    if (!next) return this.fail(`${loss.message} No other backend could start here: reload the page.`);
    this.watchBackend();
    this.trainer = this.newTrainer();
    if (checkpoint) this.trainer.importWeights(checkpoint.weights);
    this.progress = checkpoint ? { ...checkpoint.progress } : startOfTraining();
    this.recent = [];
    this.highLossRun = 0;
    const { step, epoch, batch, examplesSeen, elapsedMs } = this.progress;
    this.emit({
      type: 'backend',
      backend: next,
      thread: this.options.thread,
      reason: `${next} took over when the ${lostBackend} backend was lost.`,
      probes: [],
      floatPrecision: effectiveFloatPrecision(),
    });
    this.setState(!this.data ? this.settledState() : step > 0 ? 'paused' : 'idle');
    const kept = step > 0 ? `the weights from step ${step}` : 'its initial weights';
    this.emit({
      type: 'backendLost',
      message: `${loss.message} Training stopped at step ${lostAt} and moved to the ${next} backend with ${kept}; the optimizer's running averages start afresh. Press ${step > 0 ? 'Resume' : 'Train'} to go on.`,
      restored: { epoch: epoch + 1, batch: batch - 1, step, examplesSeen, elapsedMs },
    });
    await this.postFirstSnapshot();
  }

  /** The first backend that starts, the lost one last (a fresh context may work again). */
  private async firstBackendBesides(lost: BackendName): Promise<BackendName | null> {
    const order = this.options.candidates ?? PROBE_ORDER;
    for (const name of [...order.filter((b) => b !== lost), lost]) {
      if (await switchBackend(name)) return name;
    }
    return null;
  }

  /**
   * One optimizer step, given up on when the backend stops answering (a lost WebGL context, a
   * hung driver): training then stops with advice instead of waiting forever. The first step
   * may compile shaders, so it gets twice as long.
   */
  private guardedStep(indices: ArrayLike<number>): Promise<{ loss: number; accuracy: number }> {
    const limitMs = (this.options.stepTimeoutMs ?? STEP_TIMEOUT_MS) * (this.progress.step === 0 ? 2 : 1);
    const backend = tf.getBackend();
    return withTimeout(this.trainer!.step(this.data!.train, indices), limitMs, () =>
      `Training stopped: step ${this.progress.step + 1} took more than ${(limitMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s on the ${backend} backend, so it has stopped answering (on a GPU: a lost WebGL context or a driver problem). Reload the page with ?backend=wasm in the address to train on the CPU instead.`,
    );
  }

  /** The base rate decayed by `lrDecayPerEpoch` for every epoch's worth of steps taken. */
  private currentLearningRate(): number {
    const { learningRate, lrDecayPerEpoch } = this.config;
    return learningRate * lrDecayPerEpoch ** (this.progress.step / this.batchesPerEpoch());
  }

  /** Ends the epoch after its last batch, and evaluates every `evalEverySteps` steps if asked. */
  private async evaluateIfDue(elapsedMs: number): Promise<void> {
    const { evalEverySteps } = this.config;
    if (this.progress.batch >= this.batchesPerEpoch()) await this.endEpoch(elapsedMs);
    else if (evalEverySteps > 0 && this.progress.step % evalEverySteps === 0) await this.evaluate(false, elapsedMs);
  }

  /**
   * Stops training with advice when the loss is not finite, or stays far above chance level
   * (ln 10 ≈ 2.3) — what an exploding network looks like once probabilities are clipped.
   */
  private diverged(loss: number): boolean {
    this.highLossRun = loss > DIVERGED_LOSS ? this.highLossRun + 1 : 0;
    if (Number.isFinite(loss) && this.highLossRun < DIVERGED_RUN) return false;
    const { learningRate: lr, optimizer } = this.config;
    const what = Number.isFinite(loss) ? `stayed above ${DIVERGED_LOSS} for ${DIVERGED_RUN} batches` : `became ${loss}`;
    this.fail(
      `Training stopped: the loss ${what} at step ${this.progress.step + 1}, so the weights blew up. The learning rate (${lr}) is probably too high for ${optimizer}: press Reset and try ${lr / 10}.`,
    );
    return true;
  }

  /** Reports a batch whose step took `stepMs`; throughput also covers the previous batches' full cycles. */
  private emitBatch(result: { loss: number; accuracy: number; learningRate: number }, examples: number, stepMs: number): void {
    const recentMs = this.recent.reduce((s, r) => s + r.ms, stepMs);
    const recentExamples = this.recent.reduce((s, r) => s + r.examples, examples);
    this.emit({
      type: 'batch',
      epoch: this.progress.epoch + 1,
      batch: this.progress.batch - 1,
      batchesPerEpoch: this.batchesPerEpoch(),
      step: this.progress.step,
      ...result,
      examplesSeen: this.progress.examplesSeen,
      examplesPerSec: (recentExamples * 1000) / Math.max(recentMs, 1e-3),
      elapsedMs: this.progress.elapsedMs + stepMs,
    });
  }

  private async endEpoch(elapsedMs: number): Promise<void> {
    this.progress.epoch++;
    this.progress.batch = 0;
    this.progress.order = null;
    await this.evaluate(true, elapsedMs);
    if (this.progress.epoch >= this.config.epochs) {
      this.wantRunning = false;
      this.setState('done');
    }
  }

  /** Evaluates on the test set, reporting `elapsedMs` of training so far. */
  private async evaluate(atEpochEnd: boolean, elapsedMs = this.progress.elapsedMs): Promise<void> {
    const { accuracy, loss, confusion, predicted, confidence } = await this.trainer!.evaluate(this.data!.test);
    this.testAccuracy = accuracy;
    this.emit({
      type: 'evaluation',
      epoch: this.progress.epoch,
      step: this.progress.step,
      atEpochEnd,
      testAccuracy: accuracy,
      testLoss: loss,
      confusion,
      elapsedMs,
      numTensors: tf.memory().numTensors,
      predictions: { predicted, confidence },
    }, [predicted.buffer, confidence.buffer]);
  }

  private async predict(pixels: Float32Array): Promise<void> {
    if (!this.trainer) return;
    if (pixels.length !== 28 * 28) throw new Error(`A digit to recognise needs 784 pixels (28×28), not ${pixels.length}.`);
    const { input, layers } = await this.trainer.inspect(Float32Array.from(pixels));
    const saliency = await this.trainer.saliency(input);
    this.emit({ type: 'prediction', input, layers, saliency }, [...buffersOf(input, layers), saliency.gradient.buffer]);
  }

  private async postSnapshot(): Promise<void> {
    if (!this.trainer || !this.data) return;
    this.lastSnapshotAt = performance.now();
    const index = Math.min(this.sampleIndex, this.data.test.count - 1);
    const { input, layers } = await this.trainer.snapshot(this.data.test, index);
    const snapshot = { step: this.progress.step, sampleIndex: index, input, label: this.data.test.labels[index]!, layers };
    this.emit({ type: 'snapshot', snapshot }, buffersOf(input, layers));
  }
}

/** The buffers of a snapshot's arrays, moved (not copied) to the page. */
function buffersOf(input: Float32Array, layers: LayerSnapshot[]): Transferable[] {
  const buffers = [input.buffer, ...layers.flatMap((l) => [l.activations.buffer, l.kernel?.values.buffer, l.bias?.buffer])];
  return buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

function describeProbes(probes: BackendProbe[]): string {
  return probes
    .map((p) => (p.examplesPerSec === null ? `${p.backend}: unavailable` : `${p.backend}: ${Math.round(p.examplesPerSec).toLocaleString('en')} examples/s`))
    .join(', ');
}
