/**
 * A `datetime-local` value is wall-clock time in the browser's zone: sent as the instant it names
 * (UTC, with its `Z`). An unparsable value goes as typed, for the API's 400 to name the field.
 */
export const instantOf = (local: string): string => {
  const parsed = new Date(local);
  return local === '' || Number.isNaN(parsed.getTime()) ? local : parsed.toISOString();
};
