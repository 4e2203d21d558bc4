import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeclarationFacts } from '@vigie/domain';

/** The facts of one declaration as last counted: what to subtract when it changes. */
@Entity('annual_statistics_facts')
export class DeclarationFactsRow {
  @PrimaryColumn('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('integer')
  revision!: number;

  @Column('simple-json')
  facts!: DeclarationFacts;
}

/** How many declarations of a year count in one cell of the report (`byRegion/11`, `origin/MALICIOUS`…). */
@Entity('annual_statistics_cell')
@Index('idx_annual_statistics_cell_year', ['year'])
export class StatisticCellRow {
  /** `<year>/<section>/<key>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('integer')
  year!: number;

  @Column('text')
  section!: string;

  @Column('text', { name: 'cell_key' })
  cellKey!: string;

  @Column('integer')
  count!: number;
}

/** Per year and structure: its declarations and how many at each operational impact. */
@Entity('annual_statistics_structure')
@Index('idx_annual_statistics_structure_year', ['year'])
export class StructureYearRow {
  /** `<year>/<finess>` */
  @PrimaryColumn('text')
  key!: string;

  @Column('integer')
  year!: number;

  @Column('text')
  finess!: string;

  @Column('integer')
  declarations!: number;

  @Column('integer', { name: 'impact_none' })
  impactNone!: number;

  @Column('integer', { name: 'impact_degraded' })
  impactDegraded!: number;

  @Column('integer', { name: 'impact_interruption' })
  impactInterruption!: number;
}
