/** A list filter the read side cannot answer (the API maps it to 400 naming `field`). */
export class InvalidListQuery extends Error {
  override readonly name = 'InvalidListQuery';
  readonly kind = 'invalid' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
