import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { positionTransformer } from '../shared/position-column';
import type { DeclarationView } from '../declaration-view/declaration-view';

/**
 * One row per declaration: the columns the list filters and sorts on, and the whole
 * `DeclarationView` so that `GET …/:id` reads one row. Instants are ISO strings in UTC with
 * milliseconds (`toISOString()`), which sort and compare as text the same way on both dialects.
 */
@Entity('declaration_summary')
@Index('idx_declaration_summary_submitted', ['submittedAt', 'id'])
@Index('idx_declaration_summary_finess', ['finess', 'submittedAt'])
@Index('idx_declaration_summary_year', ['year', 'month'])
@Index('idx_declaration_summary_reference', ['reference'])
@Index('idx_declaration_summary_assignee', ['assignee', 'submittedAt'])
@Index('idx_declaration_summary_position', ['position'])
export class DeclarationSummary {
  @PrimaryColumn('text')
  id!: string;

  /** `2026-000042`; null for a declaration submitted before references existed. */
  @Column('text', { nullable: true })
  reference!: string | null;

  /** The analyst following it up (CERT only: the API never shows it to a facility). */
  @Column('text', { nullable: true })
  assignee!: string | null;

  @Column('text')
  finess!: string;

  @Column('text', { name: 'structure_name' })
  structureName!: string;

  @Column('text', { name: 'structure_type' })
  structureType!: string;

  @Column('text')
  region!: string;

  /** Europe/Paris calendar year and month (1–12) of submittedAt. */
  @Column('integer')
  year!: number;

  @Column('integer')
  month!: number;

  @Column('text', { name: 'submitted_at' })
  submittedAt!: string;

  /** The latest qualification's origin, else the declarant's suspected origin. */
  @Column('text')
  origin!: string;

  /**
   * Whether the CERT qualified it: origin and type are then the CERT's, else the declarant's guess.
   * Nullable only so that the column could be added to a filled table on both dialects; the
   * projection always writes true or false.
   */
  @Column('boolean', { nullable: true })
  qualified!: boolean;

  /** The latest qualification's type, else the declarant's suspected type. */
  @Column('text', { name: 'incident_type', nullable: true })
  incidentType!: string | null;

  @Column('text')
  status!: string;

  @Column('text', { name: 'patient_endangerment' })
  patientEndangerment!: string;

  @Column('text', { name: 'operational_impact' })
  operationalImpact!: string;

  @Column('text')
  description!: string;

  /** The reference, the description and the supplier's name, lower-cased without diacritics: what `q` is matched against. */
  @Column('text', { name: 'search_text' })
  searchText!: string;

  @Column('integer')
  revision!: number;

  @Column('bigint', { transformer: positionTransformer })
  position!: string;

  @Column('text', { name: 'updated_at' })
  updatedAt!: string;

  @Column('simple-json')
  view!: DeclarationView;
}
