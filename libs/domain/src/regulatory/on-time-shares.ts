import type { Clock } from './clocks';

export interface StageTimeliness {
  regime: string;
  stage: string;
  met: number;
  metLate: number;
  overdue: number;
  /** Not yet due: left out of the share. */
  due: number;
  /** met / (met + metLate + overdue), or null when none is settled yet. */
  onTimeShare: number | null;
}

/**
 * For the yearly report: per regime and stage, how many clocks were met on time. Intermediate
 * reports count together, whatever the request. Pure; the caller picks the clocks (a year's).
 */
export function onTimeShares(
  clocks: Iterable<Pick<Clock, 'regime' | 'stage' | 'status'>>,
): StageTimeliness[] {
  const byStage = new Map<string, StageTimeliness>();
  for (const { regime, stage, status } of clocks) {
    const key = `${regime}/${stage}`;
    const row = byStage.get(key) ?? {
      regime,
      stage,
      met: 0,
      metLate: 0,
      overdue: 0,
      due: 0,
      onTimeShare: null,
    };
    if (status === 'met') row.met += 1;
    else if (status === 'met-late') row.metLate += 1;
    else if (status === 'overdue') row.overdue += 1;
    else row.due += 1;
    byStage.set(key, row);
  }
  return [...byStage.values()]
    .map((row) => {
      const settled = row.met + row.metLate + row.overdue;
      return { ...row, onTimeShare: settled === 0 ? null : row.met / settled };
    })
    .sort((a, b) => (a.regime + a.stage < b.regime + b.stage ? -1 : 1));
}
