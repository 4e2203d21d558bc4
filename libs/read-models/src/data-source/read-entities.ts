import {
  DeclarationFactsRow,
  StatisticCellRow,
  StructureYearRow,
} from '../annual-statistics/annual-statistics.entity';
import { AsOfChangeRow, AsOfDeclarationRow, AsOfInstantRow } from '../as-of-history/as-of-history.entity';
import { ProjectionCheckpoint } from '../checkpoint/projection-checkpoint.entity';
import { DeclarationSummary } from '../declaration-summary/declaration-summary.entity';
import { DeclarationTimelineRow } from '../declaration-timeline/declaration-timeline.entity';
import { DeadlineDeclarationRow, DeadlineRow, DeadlineShareRow } from '../deadlines/deadline.entity';
import { FacilityHistoryMember, FacilityHistoryRow } from '../facility-history/facility-history.entity';
import { UserLoginRow, UserPermissionsRow } from '../user-permissions/user-permissions.entity';

export const READ_ENTITIES = [
  ProjectionCheckpoint,
  DeclarationSummary,
  DeclarationTimelineRow,
  FacilityHistoryMember,
  FacilityHistoryRow,
  DeclarationFactsRow,
  StatisticCellRow,
  StructureYearRow,
  DeadlineDeclarationRow,
  DeadlineRow,
  DeadlineShareRow,
  UserPermissionsRow,
  UserLoginRow,
  AsOfDeclarationRow,
  AsOfChangeRow,
  AsOfInstantRow,
];
