// A gate that lets a bounded number of holders through at once; the others wait their turn, first come
// first served.

export class Gate {
  private inside = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  /** Resolves once the caller is through; every enter is followed by exactly one leave. */
  enter(): Promise<void> {
    if (this.inside < this.size) {
      this.inside++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    // the place passes to the next in line, or frees up
    if (next) next();
    else this.inside--;
  }
}
