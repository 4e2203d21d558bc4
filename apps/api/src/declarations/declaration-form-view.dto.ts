import { ApiProperty } from '@nestjs/swagger';
import {
  AFFECTED_SYSTEMS,
  HANDLING_STATES,
  MESSAGE_AUTHORS,
  OTHER_NOTIFICATIONS,
  SUPPLIER_INVOLVEMENTS,
} from '@vigie/domain';
import { INSTANT } from '../api-fields';

/** One message of the thread between the facility and the CERT. */
export class MessageViewDto {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({
    enum: MESSAGE_AUTHORS,
    description: 'FACILITY: a declarant of the facility; CERT: an analyst',
  })
  author!: string;

  @ApiProperty({ description: "The author's `sub`" })
  postedBy!: string;

  @ApiProperty(INSTANT)
  postedAt!: string;
}

/** The official form's later answers, as they stand (docs/declarant-portal.md). */
export class FormFieldsViewDto {
  @ApiProperty({ enum: AFFECTED_SYSTEMS, isArray: true })
  systemsConcerned!: string[];

  @ApiProperty({ type: String, nullable: true })
  systemsDetail!: string | null;

  @ApiProperty({ enum: HANDLING_STATES })
  handlingState!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  personsAffected!: number | null;

  @ApiProperty({ enum: SUPPLIER_INVOLVEMENTS })
  supplierInvolved!: string;

  @ApiProperty({ type: String, nullable: true })
  supplierName!: string | null;

  @ApiProperty({ enum: OTHER_NOTIFICATIONS, isArray: true })
  otherNotifications!: string[];
}

/** A note between analysts: never in a facility's answer. */
export class InternalNoteViewDto {
  @ApiProperty({ format: 'uuid' })
  noteId!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ description: "The author's `sub`" })
  postedBy!: string;

  @ApiProperty(INSTANT)
  postedAt!: string;
}
