import { asOfHistory } from '../as-of-history/as-of-history.projection';
import { annualStatistics } from '../annual-statistics/annual-statistics.projection';
import { declarationSummaryProjection } from '../declaration-summary/declaration-summary.projection';
import { declarationTimelineProjection } from '../declaration-timeline/declaration-timeline.projection';
import { deadlines } from '../deadlines/deadlines.projection';
import { facilityHistory } from '../facility-history/facility-history.projection';
import { userPermissions } from '../user-permissions/user-permissions.projection';
import { readModel, type ReadModel } from './read-model';

/** Every read model the projector maintains, by name (the name of its checkpoint). */
export const READ_MODELS: readonly ReadModel[] = [
  readModel('declaration-summary', declarationSummaryProjection),
  readModel('declaration-timeline', declarationTimelineProjection),
  facilityHistory,
  annualStatistics,
  deadlines,
  userPermissions,
  asOfHistory,
];

export const READ_MODEL_NAMES = READ_MODELS.map((model) => model.name);

export function readModelsNamed(names?: readonly string[]): ReadModel[] {
  if (!names || names.length === 0) return [...READ_MODELS];
  const unknown = names.filter((name) => !READ_MODEL_NAMES.includes(name));
  if (unknown.length > 0)
    throw new Error(`Unknown read model(s): ${unknown.join(', ')} (known: ${READ_MODEL_NAMES.join(', ')})`);
  return READ_MODELS.filter((model) => names.includes(model.name));
}
