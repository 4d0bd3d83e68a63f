/**
 * A lost WebGL context (the GPU was reset, or the browser reclaimed it) takes the model's
 * weights with it and leaves pending GPU reads waiting forever. The signal lets the engine
 * stop waiting the moment the browser reports the loss; the engine's checkpoint gives it
 * weights to go on with on another backend.
 */

export class BackendLost extends Error {
  override name = 'BackendLost';
}

export class LossSignal {
  private current: Promise<never> = new Promise(() => {});
  private reject: ((loss: BackendLost) => void) | null = null;

  constructor() {
    this.arm();
  }

  /** Listens afresh: work guarded from now on runs until the next loss. */
  arm(): void {
    this.current = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.current.catch(() => {}); // Only guarded work reports it.
  }

  /** Ends pending guarded work with a BackendLost error, and any guarded until the next arm(); returns that error. */
  lose(reason: string): BackendLost {
    const loss = new BackendLost(reason);
    this.reject?.(loss);
    this.reject = null;
    return loss;
  }

  /** `work`'s result, or a BackendLost rejection as soon as the backend is lost. */
  guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.current]);
  }
}
