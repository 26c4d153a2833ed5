// A background worker of one server process that polls the store: woken early by whoever makes work
// (an emission, an enqueue, a clock change), never running two passes at once, going again at once
// while passes find work, and stopped with its pass finished. The webhook delivery worker and the job
// worker are both this, with their own pass (`runOnce`).
export abstract class PollingWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  protected stopped = false;
  private again = false;
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    /** the workers of this kind in the process, woken together */
    private readonly registry: Set<PollingWorker>,
    protected readonly pollMs: number,
    protected readonly log: (msg: string, err?: unknown) => void,
    private readonly failure: string,
  ) {}

  /** One pass; answers how much work it took. */
  abstract runOnce(): Promise<number>;

  /** Whether a pass that took `n` found more than it could take (go again at once). */
  protected busy(n: number): boolean {
    return n > 0;
  }

  /** The pause before polling again after a pass that found nothing more. */
  protected idleDelay(): number {
    return this.pollMs;
  }

  protected onStop(): void {}

  start() {
    this.registry.add(this);
    this.wake(0);
  }

  async stop() {
    this.stopped = true;
    this.registry.delete(this);
    this.onStop();
    clearTimeout(this.timer);
    await this.inflight;
  }

  wake(delayMs: number) {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick() {
    if (this.stopped || this.running) return;
    this.running = true;
    this.again = false;
    this.inflight = this.runOnce()
      .then((n) => {
        if (this.busy(n)) this.again = true;
      })
      .catch((err) => this.log(this.failure, err))
      .finally(() => {
        this.running = false;
        if (!this.stopped) this.wake(this.again ? 0 : this.idleDelay());
      });
  }
}
