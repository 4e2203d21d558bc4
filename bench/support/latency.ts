/** Nearest-rank percentile (`p` in 0–100) of samples in any order; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const round = (value: number, digits = 1): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Milliseconds elapsed since `started` (a `process.hrtime.bigint()` reading). */
export const millisecondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

/** A rate per second, rounded; 0 when nothing was timed. */
export const perSecond = (count: number, seconds: number): number =>
  seconds > 0 ? Math.round(count / seconds) : 0;

/** `part` as a percentage of `whole`, one decimal; null without a baseline. */
export const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? round((part / whole) * 100) : null;
