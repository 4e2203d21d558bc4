import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_TYPE_BASE, type FieldError, type Problem } from './http-problem';

/** One offending field of a request, as `flattenValidationErrors` and the domain's rules name it. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({
    description: 'Dotted path in the request (`structure.finess`, `dataImpacts.1`), or a header',
  })
  field!: string;

  @ApiProperty()
  message!: string;
}

/** RFC 9457 problem details: what ProblemFilter sends for every error, as `application/problem+json`. */
export class ProblemDto implements Problem {
  @ApiProperty({
    format: 'uri',
    example: `${PROBLEM_TYPE_BASE}declaration-not-found`,
    description: `${PROBLEM_TYPE_BASE}<code>; docs/http-api.md lists the codes`,
  })
  type!: string;

  @ApiProperty({ example: 'Not found' })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status again', example: 404 })
  status!: number;

  @ApiProperty({ description: 'What went wrong with this request; never a stack trace' })
  detail!: string;

  // Some 409s and 503s carry no field list; a domain rule on one field (400) names it here too.
  @ApiProperty({ type: [FieldErrorDto], required: false })
  errors?: FieldError[];
}

/** A 400: every offending field, header or parameter is listed (`validation-failed`, `malformed-json`, domain rules). */
export class ValidationProblemDto extends ProblemDto {
  @ApiProperty({ type: [FieldErrorDto], minItems: 1, required: true })
  declare errors: FieldError[];
}
