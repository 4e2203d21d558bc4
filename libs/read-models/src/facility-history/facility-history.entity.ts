import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the facility history counts of one declaration. Kept apart from the summary so that this
 * read model rebuilds on its own: its counts move by what a member row removes and adds.
 */
@Entity('facility_history_member')
export class FacilityHistoryMember {
  @PrimaryColumn('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('integer')
  revision!: number;

  @Column('text')
  finess!: string;

  @Column('text', { name: 'structure_name' })
  structureName!: string;

  @Column('text', { name: 'structure_type' })
  structureType!: string;

  @Column('text')
  region!: string;

  @Column('text', { name: 'submitted_at' })
  submittedAt!: string;

  @Column('boolean')
  qualified!: boolean;

  @Column('boolean')
  closed!: boolean;

  @Column('text')
  origin!: string;

  @Column('text', { name: 'patient_endangerment' })
  patientEndangerment!: string;

  @Column('text', { name: 'operational_impact' })
  operationalImpact!: string;
}

/** Per FINESS: how many declarations, how many still open, when, and how bad. */
@Entity('facility_history')
export class FacilityHistoryRow {
  @PrimaryColumn('text')
  finess!: string;

  /** Name, type and region as given by the facility's latest declaration. */
  @Column('text', { name: 'structure_name' })
  structureName!: string;

  @Column('text', { name: 'structure_type' })
  structureType!: string;

  @Column('text')
  region!: string;

  @Column('text', { name: 'last_declaration_id' })
  lastDeclarationId!: string;

  @Column('integer')
  declarations!: number;

  @Column('integer', { name: 'open_declarations' })
  openDeclarations!: number;

  @Column('text', { name: 'first_submitted_at' })
  firstSubmittedAt!: string;

  @Column('text', { name: 'last_submitted_at' })
  lastSubmittedAt!: string;

  @Column('integer', { name: 'origin_malicious' })
  originMalicious!: number;

  @Column('integer', { name: 'origin_non_malicious' })
  originNonMalicious!: number;

  @Column('integer', { name: 'origin_unknown' })
  originUnknown!: number;

  @Column('integer', { name: 'endangerment_potential' })
  endangermentPotential!: number;

  @Column('integer', { name: 'endangerment_actual' })
  endangermentActual!: number;

  @Column('integer', { name: 'impact_degraded' })
  impactDegraded!: number;

  @Column('integer', { name: 'impact_interruption' })
  impactInterruption!: number;
}
