import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { positionTransformer } from '../shared/position-column';

/** Instants are kept as epoch milliseconds (`bigint`: PostgreSQL hands them back as strings). */
const millisTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * One declaration's counted facts as they stand at the end of the log read so far: what the next
 * change is measured against. `regular` is false once one of its events was recorded at an
 * instant before an earlier one (an import of old data): the events counted at an instant are then
 * no longer a prefix of its changes, and a report that counts it is replayed from the log.
 */
@Entity('as_of_declaration')
@Index('idx_as_of_declaration_irregular', ['year', 'regular'])
@Index('idx_as_of_declaration_created', ['year', 'createdAt'])
export class AsOfDeclarationRow {
  @PrimaryColumn('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('integer')
  year!: number;

  @Column('boolean')
  regular!: boolean;

  /**
   * Its first change (the submission counted): a declaration of the year before counts in the
   * report's `previousYearTotal` from then on, whatever it says.
   */
  @Column('bigint', { name: 'created_at', transformer: millisTransformer })
  createdAt!: number;

  @Column('bigint', { name: 'created_position', transformer: positionTransformer })
  createdPosition!: string;

  /** The latest recorded instant among its counted events. */
  @Column('bigint', { name: 'last_at', transformer: millisTransformer })
  lastAt!: number;

  /** The position of the last event folded: a batch applied twice changes nothing. */
  @Column('bigint', { name: 'last_position', transformer: positionTransformer })
  lastPosition!: string;

  @Column('simple-json')
  facts!: Record<string, unknown>;

  /** Null when the submission carried too little to start the regulatory clocks. */
  @Column('simple-json', { nullable: true })
  regulatory!: Record<string, unknown> | null;
}

/**
 * One change of one declaration's counted facts, at the event that made it: the first one holds
 * the whole facts, the next ones only the fields that changed (`{ set, unset }`). The report as it
 * stood at an instant folds, for each declaration of the year, its changes recorded up to then.
 */
@Entity('as_of_change')
@Index('idx_as_of_change_year', ['year', 'recordedAt', 'position'])
export class AsOfChangeRow {
  @PrimaryColumn('bigint', { transformer: positionTransformer })
  position!: string;

  @Column('text', { name: 'declaration_id' })
  declarationId!: string;

  @Column('integer')
  year!: number;

  @Column('bigint', { name: 'recorded_at', transformer: millisTransformer })
  recordedAt!: number;

  @Column('text', { name: 'facts_change', nullable: true })
  factsChange!: string | null;

  @Column('text', { name: 'regulatory_change', nullable: true })
  regulatoryChange!: string | null;
}

/**
 * The events of any stream recorded strictly before every later one (suffix minima of the recorded
 * instants, in position order): the last position recorded at or before an instant is always one
 * of them, and among them positions and instants rise together, so it is one indexed lookup. With
 * a clock that never goes back, every event whose instant differs from the next one's.
 */
@Entity('as_of_instant')
@Index('idx_as_of_instant_recorded_at', ['recordedAt'])
export class AsOfInstantRow {
  @PrimaryColumn('bigint', { transformer: positionTransformer })
  position!: string;

  @Column('bigint', { name: 'recorded_at', transformer: millisTransformer })
  recordedAt!: number;
}
