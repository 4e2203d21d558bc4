/** Schema options the response DTOs share (`@ApiProperty(INSTANT)`), so that one instant reads as every other. */

/** An ISO 8601 instant, as every `…At` of the read models. */
export const INSTANT = { type: String, format: 'date-time' } as const;

export const NULLABLE_INSTANT = { ...INSTANT, nullable: true } as const;

/** The key of the next page of a list (key-set pagination). */
export const NEXT_CURSOR = {
  type: String,
  nullable: true,
  description: 'Pass as `cursor` for the next page; null on the last one',
} as const;
