import { Column, Entity, PrimaryColumn } from 'typeorm';
import { positionTransformer } from '../shared/position-column';

/** How far each read model has applied the global feed; written in the same transaction as its rows. */
@Entity('projection_checkpoint')
export class ProjectionCheckpoint {
  @PrimaryColumn('text')
  name!: string;

  @Column('bigint', { transformer: positionTransformer })
  position!: string;
}
