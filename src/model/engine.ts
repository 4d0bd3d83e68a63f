/**
 * The training engine: shows a model on a few test digits at once, fetches MNIST and times the
 * backends when training first starts, runs the training loop and answers trainer commands
 * with plain events. The same class runs inside
 * the Web Worker and, as a fallback, on the main thread.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, mulberry32, shuffledIndices } from '../core/random';
import { isAugmenting } from '../core/augment';
import { loseWebglContext, onWebglContextLost } from './backends';
import { backendEvent, startupReason } from './backendReport';
import { chooseBackend, firstBackendBesides, PROBE_ORDER, startBackend, type BackendChoice } from './backendChoice';
import { BackendLost, LossSignal } from './backendLoss';
import type {
  BackendName,
  EngineState,
  ModelSource,
  TrainConfig,
  TrainerCommand,
  TrainerEvent,
} from '../protocol/messages';
import { readModelSource } from '../data/modelFetch';
import type { OwnData } from '../data/ownData';
import { MNIST_CLASSES, outputUnits } from '../core/classifierOutput';
import type { LoadedModel, Result } from '../data/modelFile';
import { EngineData, type DataLoaders } from './engineData';
import { blowUp, divergedMessage, highLossRunAfter } from './divergence';
import { backendLostEvent, contextLostMessage, stepTimeoutMessage } from './interruptions';
import { batchEvent, evaluationEvent } from './progressEvents';
import { freshRun, recordBatch, startOfTraining, type Progress, type RunState } from './runState';
import * as schedule from './schedule';
import { withTimeout, yieldToEvents } from './scheduling';
import { applyFlags } from './tfjsFlags';
import { Trainer, type BatchAugmentation } from './trainer';
import { exportEvent, predictionEvent, snapshotEvent } from './modelEvents';

export type Emit = (event: TrainerEvent, transfer?: Transferable[]) => void;
export type { SplitLoader } from './engineData';

export interface EngineOptions extends DataLoaders {
  emit: Emit;
  thread: 'worker' | 'main';
  /** Backends to time in 'auto' mode, fastest first wins. */
  candidates?: readonly BackendName[];
  /** A training step that takes longer than this means the backend stopped answering (default 30 s; the first step 60 s). */
  stepTimeoutMs?: number;
  /** Training images that must have arrived before the first step (default START_IMAGES). */
  startImages?: number;
}

const STEP_TIMEOUT_MS = 30_000;
/**
 * Training images that must have arrived before the first step (0.7 MB of the 9.6 MB). The rest
 * arrive while the first are trained on; below about 6 Mbit/s (5,000 images/s × 160 bytes) training
 * now and then waits for them.
 */
const START_IMAGES = 4_096;
/** Salt of the augmentation's random stream, apart from the shuffles' (salted by epoch). */
const AUGMENT_STREAM = 0x61756700;

/** Test flag (see state/tfjsFlags): lose the WebGL context right after this step, as a GPU reset would. */
const LOSE_CONTEXT_FLAG = 'CONVSCOPE_LOSE_WEBGL_CONTEXT_AT_STEP';

export class Engine {
  private state: EngineState = 'loading';
  private config!: TrainConfig;
  private data: EngineData | null = null;
  /** The backend the page asked for; 'auto' is timed before the first training step, not at start-up. */
  private requestedBackend: BackendName | 'auto' = 'auto';
  /** The classes the data has (MNIST's 10 digits, or a user's set's), which the model's output must match. */
  private classes = MNIST_CLASSES;
  private backendTimed = false;
  private trainer: Trainer | null = null;
  private wantRunning = false;
  private loopDone: Promise<void> = Promise.resolve();
  private sampleIndex = 0;
  /** The current run, replaced whole (never field by field) whenever it starts over. */
  private run: RunState = freshRun();
  /** TensorFlow.js flags a test set, described for the backend report. */
  private testFlags = '';
  private readonly loss = new LossSignal();
  /** When the weights were last copied out (the schedule runs on across runs). */
  private checkpointAt = -Infinity;
  /** Only a backend that can lose its memory (WebGL) needs its weights copied out. */
  private checkpointing = false;
  private recovery: { loss: BackendLost; done: Promise<void> } | null = null;
  private loseContextAtStep = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {}

  /** The current run's progress, read afresh each time: a reset or recovery replaces the run. */
  private get progress(): Progress {
    return this.run.progress;
  }

  /**
   * Takes a command as it arrives: commands run one at a time, in order (a started training loop
   * runs on between them), but Train and Step start the training download at once, so that it
   * overlaps whatever runs before them (the backends' timing that the page asked for early).
   */
  receive(command: TrainerCommand): void {
    if (command.type === 'start' || command.type === 'resume' || command.type === 'step')
      this.data?.loadTrain().catch(() => {}); // readyToTrain reports a failure.
    this.queue = this.queue.then(() => this.handle(command));
  }

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
        return await this.init(command.baseUrl, command.backend, command.config, command.model, command.data);
      case 'start':
      case 'resume':
        if (await this.readyToTrain()) this.startLoop();
        return;
      case 'pause':
        await this.halt();
        if (this.state === 'training') this.setState('paused');
        return await this.saveCheckpoint();
      case 'step':
        if (await this.readyToTrain()) await this.stepOnce();
        return;
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
        if (!this.trainer || this.wantRunning || !this.data) return;
        return await this.evaluate({ atEpochEnd: false, wholeSet: true });
      case 'predict':
        if (this.trainer) this.emit(...(await predictionEvent(this.trainer, command.pixels)));
        return;
      case 'setSample':
        this.sampleIndex = Math.max(0, Math.floor(command.index));
        return await this.postSnapshot();
      case 'load':
        return await this.load(command.source);
      case 'export':
        if (this.trainer)
          this.emit(...(await exportEvent(this.trainer, this.config.spec, this.run, command.requestId)));
        return;
      case 'timeBackends':
        if (this.requestedBackend === 'auto' && !this.backendTimed && this.state === 'idle') await this.timeBackends();
        return;
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

  /** Starts the first backend that works and shows the model on the test-digit pack: no training data, no timing. */
  private async init(
    baseUrl: string,
    backend: BackendName | 'auto',
    config: TrainConfig,
    model?: ModelSource,
    own?: OwnData,
  ): Promise<void> {
    this.config = config;
    this.requestedBackend = backend;
    this.classes = own ? own.classNames.length : MNIST_CLASSES;
    const data = new EngineData(baseUrl, this.options, (event) => this.emit(event), own);
    const digits = data.loadDigits();
    digits.catch(() => {}); // Handled below, once the backend has started.
    data.announceSize();
    const saved = model ? readModelSource(model) : null; // Fetched while the backend starts; never rejects.
    if (!(await this.startBackend(backend))) return;
    if (!model || !saved || !(await this.useModel(model.label, await saved))) this.trainer = this.newTrainer();
    try {
      await digits;
    } catch (error) {
      return this.fail((error as Error).message);
    }
    this.data = data;
    this.setState('idle');
    await this.loss.guard(this.postFirstSnapshot());
  }

  /**
   * Before the first training step: fetches the training digits and, in 'auto' mode, times the
   * backends on the network about to train (both at once); false when the data cannot be had.
   * Training starts once the first START_IMAGES have arrived, and the test digits follow the
   * rest in the background, for the first evaluation.
   */
  private async readyToTrain(): Promise<boolean> {
    const data = this.data;
    if (!data || this.finished()) return false;
    if (data.train && data.trainImages >= this.startImages()) return true;
    this.setState('loading');
    const train = data.loadTrain();
    train.then(
      () => data.loadTest().catch(() => {}), // The first evaluation waits for it, and reports a failure.
      (error: Error) => this.finished() || this.fail(error.message), // Also when training has started.
    );
    if (this.requestedBackend === 'auto' && !this.backendTimed) await this.timeBackends();
    try {
      await data.trainImagesReady(this.startImages());
    } catch {
      return false; // Reported above.
    }
    return true;
  }

  /** Training images that must have arrived before the first step: a few batches' worth. */
  private startImages(): number {
    return Math.min(this.options.startImages ?? START_IMAGES, this.config.trainSize);
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
    const units = outputUnits(spec);
    if (units !== this.classes) {
      const message = `This model tells ${units} classes apart, but the data here has ${this.classes}: load a model trained on this data, or train one.`;
      this.emit({ type: 'loadRejected', label, message });
      return false;
    }
    this.config = { ...this.config, spec };
    const trainer = this.newTrainer();
    trainer.importWeights(weights);
    this.trainer = trainer;
    this.run = freshRun({ checkpoint: { weights, progress: startOfTraining() }, testAccuracy });
    this.emit({ type: 'origin', origin: { label, spec, testAccuracy, trainedExamples } });
    return true;
  }

  /** The untrained network, so the page can show it before any training (unless snapshots are off). */
  private async postFirstSnapshot(): Promise<void> {
    if (this.config.snapshotIntervalMs > 0) await this.postSnapshot();
  }

  /** Starts the forced backend, or in 'auto' mode the first that works; false when the forced one cannot run on this thread. */
  private async startBackend(forced: BackendName | 'auto'): Promise<boolean> {
    const { thread, candidates = PROBE_ORDER } = this.options;
    const choice = await startBackend(forced, thread, candidates, this.config.spec, this.config.batchSize);
    if (!choice) {
      this.emit({ type: 'unavailable', reason: `The ${forced} backend cannot run in a Web Worker here.` });
      return false;
    }
    this.announceBackend(choice);
    return true;
  }

  /** Times the backends on the network about to train and moves its weights to the fastest. Once per engine. */
  private async timeBackends(): Promise<void> {
    this.backendTimed = true;
    const weights = this.trainer ? await this.trainer.exportWeights() : null;
    this.trainer?.dispose();
    const { thread, candidates = PROBE_ORDER } = this.options;
    this.announceBackend((await chooseBackend('auto', thread, candidates, this.config.spec, this.config.batchSize))!);
    this.trainer = this.newTrainer();
    if (weights) this.trainer.importWeights(weights);
  }

  private announceBackend({ backend, reason, probes }: BackendChoice): void {
    this.watchBackend();
    this.emit(backendEvent(backend, this.options.thread, startupReason(reason, this.testFlags), probes));
  }

  private newTrainer(): Trainer {
    const { spec, seed, optimizer, learningRate } = this.config;
    const units = outputUnits(spec);
    // The page sizes the output to the data (core/classifierOutput); a mismatch would train on wrong targets.
    if (units !== this.classes)
      throw new Error(`The network's output layer has ${units} units, but the data has ${this.classes} classes.`);
    return new Trainer(spec, seed, optimizer, learningRate);
  }

  /** Frees the model and optimizer and zeroes the progress; `announce` reports the new state. */
  private disposeTrainer(announce = true): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.run = freshRun();
    if (announce) this.setState(this.settledState());
  }

  /** Where a reset or stop lands: ready, still loading, or stuck without data. */
  private settledState(): EngineState {
    return this.data?.failed ? 'error' : this.data?.ready ? 'idle' : 'loading';
  }

  private startLoop(): void {
    if (this.wantRunning || this.finished() || !this.data?.train) return;
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
    if (this.wantRunning || this.finished() || !this.data?.train) return;
    this.trainer ??= this.newTrainer();
    await this.trainBatch();
    if (!this.finished()) this.setState('paused');
    await this.saveCheckpoint();
  }

  private batchesPerEpoch(): number {
    return schedule.batchesPerEpoch(this.trainSize(), this.config.batchSize);
  }

  private trainSize(): number {
    return Math.min(this.config.trainSize, this.data!.train!.count);
  }

  /**
   * One optimizer step with what follows it (snapshot, evaluation), timed as a whole: the
   * examples/s users see is what training really delivers, evaluations aside.
   */
  private async trainBatch(): Promise<void> {
    const started = performance.now();
    const { batchSize } = this.config;
    const order = await this.epochOrder();
    if (!order) return; // The download failed meanwhile: readyToTrain's handler has stopped training.
    const indices = schedule.batchIndices(order, this.progress.batch, batchSize);
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
    const stepMs = performance.now() - started;
    this.emit(batchEvent(this.run, this.batchesPerEpoch(), { loss, accuracy, learningRate }, indices.length, stepMs));
    if (schedule.snapshotDue(performance.now(), this.run.lastSnapshotAt, this.config.snapshotIntervalMs))
      await this.postSnapshot();
    const trainedMs = performance.now() - started;
    await this.evaluateIfDue(this.progress.elapsedMs + trainedMs);
    // Training time and throughput count snapshots, not test-set evaluations (a measurement).
    this.progress.elapsedMs += trainedMs;
    recordBatch(this.run.recent, { ms: trainedMs, examples: indices.length });
    if (performance.now() - this.checkpointAt >= schedule.CHECKPOINT_MS) await this.saveCheckpoint();
  }

  /**
   * This epoch's shuffled order of the training images, grown by those that arrived since (while
   * the download runs, an epoch starts on what has arrived); waits when the next batch needs
   * images still on their way.
   */
  private async epochOrder(): Promise<Uint32Array | null> {
    const data = this.data!;
    const size = this.trainSize();
    const progress = this.progress;
    const random = () => mulberry32(deriveSeed(this.config.seed, progress.epoch + progress.orderFilled * 1_000));
    for (;;) {
      const available = Math.min(size, data.trainImages);
      if (!progress.order && available === size)
        [progress.order, progress.orderFilled] = [shuffledIndices(size, random()), size];
      progress.order ??= new Uint32Array(size);
      if (progress.orderFilled < available) {
        schedule.extendOrder(
          progress.order,
          progress.batch * this.config.batchSize,
          progress.orderFilled,
          available,
          random(),
        );
        progress.orderFilled = available;
      }
      if (progress.orderFilled >= Math.min(size, (progress.batch + 1) * this.config.batchSize)) return progress.order;
      if (data.failed) return null;
      await data.trainImagesReady(available + 1).catch(() => {}); // A failure shows as data.failed.
    }
  }

  /** Copies the weights out of the backend (cheap: a few thousand to a few hundred thousand numbers). */
  private async saveCheckpoint(): Promise<void> {
    if (!this.trainer || !this.checkpointing) return;
    const { run } = this; // A run replaced meanwhile (a reset) drops this checkpoint with it.
    // A first epoch's order still growing is copied: growing it reshuffles what follows the checkpoint.
    const { order, orderFilled } = run.progress;
    const progress = { ...run.progress, order: order && orderFilled < order.length ? order.slice() : order };
    this.checkpointAt = performance.now();
    run.checkpoint = { weights: await this.trainer.exportWeights(), progress };
  }

  /**
   * Recovers the moment the WebGL context is lost, whether or not training runs: work waiting on
   * the GPU (a step, a snapshot) is abandoned instead of waiting for a read that never ends.
   */
  private watchBackend(): void {
    this.loss.arm();
    this.checkpointing = onWebglContextLost(() => {
      const reason = contextLostMessage(this.wantRunning ? this.progress.step + 1 : null);
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
    const { checkpoint, testAccuracy } = this.run;
    try {
      this.trainer?.dispose();
    } catch {
      // Its textures went with the context.
    }
    this.trainer = null;
    const next = await firstBackendBesides(lostBackend, this.options.candidates ?? PROBE_ORDER);
    if (!next) return this.fail(`${loss.message} No other backend could start here: reload the page.`);
    this.watchBackend();
    this.trainer = this.newTrainer();
    if (checkpoint) this.trainer.importWeights(checkpoint.weights);
    this.run = freshRun({ checkpoint, testAccuracy });
    const { step } = this.progress;
    const reason = `${next} took over when the ${lostBackend} backend was lost.`;
    this.emit(backendEvent(next, this.options.thread, reason, []));
    this.setState(!this.data?.train ? this.settledState() : step > 0 ? 'paused' : 'idle');
    this.emit(backendLostEvent(loss.message, lostAt, next, this.progress));
    await this.postFirstSnapshot();
  }

  /**
   * One optimizer step, given up on when the backend stops answering (a lost WebGL context, a
   * hung driver): training then stops with advice instead of waiting forever. The first step
   * may compile shaders, so it gets twice as long.
   */
  private guardedStep(indices: ArrayLike<number>): Promise<{ loss: number; accuracy: number }> {
    const limitMs = (this.options.stepTimeoutMs ?? STEP_TIMEOUT_MS) * (this.progress.step === 0 ? 2 : 1);
    const backend = tf.getBackend();
    const step = this.trainer!.step(this.data!.train!, indices, this.batchAugmentation());
    return withTimeout(step, limitMs, () => stepTimeoutMessage(this.progress.step + 1, limitMs, backend));
  }

  /** This step's augmentation, seeded by the run's seed and the step so a run reproduces; none when off (no cost). */
  private batchAugmentation(): BatchAugmentation | undefined {
    const { augmentation, seed } = this.config;
    if (!isAugmenting(augmentation)) return undefined;
    return { augmentation, seed: deriveSeed(deriveSeed(seed, AUGMENT_STREAM), this.progress.step) };
  }

  /** The base rate decayed by `lrDecayPerEpoch` for every epoch's worth of steps taken. */
  private currentLearningRate(): number {
    return schedule.decayedLearningRate(this.config, this.progress.step, this.batchesPerEpoch());
  }

  /** Ends the epoch after its last batch, and runs the quick test check every `evalEverySteps` steps if asked. */
  private async evaluateIfDue(elapsedMs: number): Promise<void> {
    if (this.progress.batch >= this.batchesPerEpoch()) await this.endEpoch(elapsedMs);
    else if (schedule.evaluationDue(this.progress.step, this.config.evalEverySteps))
      await this.evaluate({ atEpochEnd: false, wholeSet: false, elapsedMs });
  }

  /** Stops training with advice when the loss shows the weights blew up (see divergence.ts). */
  private diverged(loss: number): boolean {
    this.run.highLossRun = highLossRunAfter(loss, this.run.highLossRun);
    const what = blowUp(loss, this.run.highLossRun);
    if (what === null) return false;
    const { learningRate, optimizer } = this.config;
    this.fail(divergedMessage(what, this.progress.step + 1, learningRate, optimizer));
    return true;
  }

  private async endEpoch(elapsedMs: number): Promise<void> {
    this.progress.epoch++;
    this.progress.batch = 0;
    this.progress.order = null;
    this.progress.orderFilled = 0;
    await this.evaluate({ atEpochEnd: true, wholeSet: true, elapsedMs });
    if (this.progress.epoch >= this.config.epochs) {
      this.wantRunning = false;
      this.setState('done');
    }
  }

  /**
   * Evaluates on the whole test set or on its quick-check fifth, reporting `elapsedMs` of training
   * so far. The test digits arrive for the first evaluation; when they cannot, training pauses
   * with the reason, and the next evaluation tries the download again.
   */
  private async evaluate({
    atEpochEnd,
    wholeSet,
    elapsedMs = this.progress.elapsedMs,
  }: {
    atEpochEnd: boolean;
    wholeSet: boolean;
    elapsedMs?: number;
  }): Promise<void> {
    const data = this.data!;
    const trainer = this.trainer!;
    try {
      await data.loadTest();
    } catch (error) {
      this.wantRunning = false;
      if (this.state === 'training') this.setState('paused');
      this.emit({ type: 'error', message: `No evaluation: ${(error as Error).message}` }); // After the state: it would clear it.
      return;
    }
    if (trainer !== this.trainer) return; // Replaced (a reset, a load) while the test digits arrived.
    const result = await trainer.evaluate(wholeSet ? data.test! : data.testCheck!);
    if (wholeSet) this.run.testAccuracy = result.accuracy;
    const { predicted, confidence } = result;
    const event = evaluationEvent(result, this.progress, { atEpochEnd, wholeSet, elapsedMs });
    this.emit(event, [predicted.buffer, confidence.buffer]);
  }

  private async postSnapshot(): Promise<void> {
    const sample = this.data?.sample(this.sampleIndex);
    if (!this.trainer || !sample) return;
    this.run.lastSnapshotAt = performance.now();
    this.emit(...(await snapshotEvent(this.trainer, sample, this.progress.step)));
  }
}
