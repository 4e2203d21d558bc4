import { useSyncExternalStore } from 'react';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import type { Messages } from '../../i18n/fr';

/** One ticking clock for every countdown on the page (a list has dozens), running while one is shown. */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined)
    timer = window.setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || timer === undefined) return;
    window.clearInterval(timer);
    timer = undefined;
  };
}

/**
 * While no countdown is shown the ticker stops, so the first render of a new one refreshes the
 * instant itself; the same value is returned within a second, as useSyncExternalStore needs.
 */
function snapshot(): number {
  if (timer === undefined && Date.now() - now >= 1_000) now = Date.now();
  return now;
}

/** The current instant, re-read every second: what makes a countdown live. */
export const useNow = (): number => useSyncExternalStore(subscribe, snapshot);

/**
 * "2 j 3 h 12 min": seconds only in the last hour, when they matter (and tick); rounded down, so
 * that a deadline never looks further away than it is.
 */
export function formatDuration(ms: number, t: Messages): string {
  const total = Math.max(0, Math.floor(ms / 1_000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  return t.declarations.duration(days, hours, minutes, total < 3_600 ? total % 60 : null);
}

/**
 * The time left before `dueAt` (or how late it is), ticking. `skewMs` is the server's clock minus
 * this browser's (from an answer's `at`), so that a wrong clock on the workstation shows the
 * deadline the API enforces. Not a live region: a screen reader would hear it every second.
 */
export function Countdown({ dueAt, skewMs = 0 }: { dueAt: string; skewMs?: number }) {
  const t = useT();
  const lang = useLang();
  const now = useNow() + skewMs;
  const left = Date.parse(dueAt) - now;
  const text =
    left >= 0
      ? t.declarations.remaining(formatDuration(left, t))
      : t.declarations.late(formatDuration(-left, t));
  return (
    <time
      dateTime={dueAt}
      title={t.declarations.dueOn(formatDate(dueAt, lang))}
      className={left < 0 ? 'fr-text-default--error' : undefined}
    >
      {text}
    </time>
  );
}
