import type { RegulatoryFacts } from '@vigie/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the clocks of one declaration depend on, folded from its events: the source of its deadline rows. */
@Entity('deadline_declaration')
export class DeadlineDeclarationRow {
  @PrimaryColumn('text', { name: 'declaration_id' })
  declarationId!: string;

  /** The revision of the last event that changed the facts. */
  @Column('integer')
  revision!: number;

  @Column('simple-json')
  facts!: RegulatoryFacts;
}

/**
 * One row per declaration × regime × stage (× intermediate request). Only the due and met instants
 * are stored: the status depends on when it is read, so queries compute it. Instants are
 * `toISOString()` text, which compares as time on both dialects.
 */
@Entity('deadline')
@Index('idx_deadline_due', ['dueAt', 'key'])
@Index('idx_deadline_declaration', ['declarationId'])
@Index('idx_deadline_finess', ['finess', 'dueAt'])
// The yearly report counts the year's unmet clocks not yet late: few rows of this small index.
@Index('idx_deadline_unmet', ['year', 'dueAt'], { where: '"met_at" IS NULL' })
export class DeadlineRow {
  /** `<declarationId>/<clockId>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('text', { name: 'clock_id' })
  clockId!: string;

  /** Europe/Paris year of the declaration's submission: the year whose report counts this clock. */
  @Column('integer')
  year!: number;

  @Column('text')
  regime!: string;

  @Column('text')
  stage!: string;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('text')
  finess!: string;

  @Column('text', { name: 'structure_name' })
  structureName!: string;

  @Column('text')
  region!: string;

  @Column('text', { name: 'due_at' })
  dueAt!: string;

  @Column('text', { name: 'met_at', nullable: true })
  metAt!: string | null;

  @Column('boolean', { name: 'declaration_closed' })
  declarationClosed!: boolean;
}

/**
 * Per year (as `DeadlineRow.year`), regime and stage: the clocks met on time, met late, and not met
 * yet. The first two are final; only the split of the unmet ones into due and overdue depends on
 * the instant of reading, so the report reads that part from `deadline` (`idx_deadline_unmet`).
 */
@Entity('deadline_share')
@Index('idx_deadline_share_year', ['year'])
export class DeadlineShareRow {
  /** `<year>/<regime>/<stage>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('integer')
  year!: number;

  @Column('text')
  regime!: string;

  @Column('text')
  stage!: string;

  @Column('integer')
  met!: number;

  @Column('integer', { name: 'met_late' })
  metLate!: number;

  @Column('integer')
  unmet!: number;
}
