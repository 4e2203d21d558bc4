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
export class DeadlineRow {
  /** `<declarationId>/<clockId>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('text', { name: 'clock_id' })
  clockId!: string;

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
