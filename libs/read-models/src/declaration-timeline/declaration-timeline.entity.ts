import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { positionTransformer } from '../shared/position-column';
import type { TimelineChange } from './timeline-entry';

/** One row per event of a declaration, for `GET …/:id/history`. */
@Entity('declaration_timeline')
@Index('idx_declaration_timeline_declaration', ['declarationId', 'revision'])
export class DeclarationTimelineRow {
  /**
   * The event's global position: unique, and increasing in feed order, so rows are appended at
   * the end of the primary index (keys in random order, such as `<uuid>/<revision>`, cost SQLite
   * about five times more on a large rebuild).
   */
  @PrimaryColumn('bigint', { transformer: positionTransformer })
  position!: string;

  @Column('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('integer')
  revision!: number;

  @Column('text')
  type!: string;

  @Column('text')
  at!: string;

  /** `by` is an SQL keyword. */
  @Column('text')
  actor!: string;

  @Column('simple-json')
  changes!: TimelineChange[];
}
