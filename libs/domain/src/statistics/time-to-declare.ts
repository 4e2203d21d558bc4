import { parisDay } from '../time/paris-calendar';
import type { TimeToDeclare } from './declaration-facts';

const HOUR_MS = 3_600_000;

/**
 * The report's buckets of `submittedAt − detectedAt`. "Same day" is the Paris calendar day, so a
 * declaration detected at 23:50 and submitted at 00:10 is already "within 24 h", while one
 * detected at 08:00 and submitted at 23:00 the same Paris day is "same day".
 */
export function timeToDeclare(detectedAt: string, submittedAt: string): TimeToDeclare {
  const detected = Date.parse(detectedAt);
  const submitted = Date.parse(submittedAt);
  if (Number.isNaN(detected) || Number.isNaN(submitted)) return 'later';
  if (parisDay(detectedAt) === parisDay(submittedAt)) return 'sameDay';
  const elapsed = submitted - detected;
  if (elapsed <= 24 * HOUR_MS) return 'within24h';
  if (elapsed <= 72 * HOUR_MS) return 'within72h';
  return 'later';
}
