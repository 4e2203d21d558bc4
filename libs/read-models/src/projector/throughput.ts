/** Events per second over a sliding window, for the metrics. */
export class Throughput {
  private samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 10_000) {}

  record(count: number, at: number): void {
    this.samples.push({ at, count });
    this.forget(at);
  }

  perSecond(now: number): number {
    this.forget(now);
    if (this.samples.length === 0) return 0;
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    const span = Math.max(now - this.samples[0].at, 1000);
    return Math.round((total * 1000) / span);
  }

  private forget(now: number): void {
    while (this.samples.length > 0 && this.samples[0].at < now - this.windowMs) this.samples.shift();
  }
}
