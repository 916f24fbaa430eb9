// Provider timestamps as records carry them (ISO-8601 UTC with milliseconds), cheaply where they already are.

/** `2025-06-30T12:34:56.789Z`: what most providers send, and what records carry. */
const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * The timestamp in canonical form. Kept as it is when it already has that form: parsing and printing a date costs
 * far more than the test, for every timestamp of every member of every page read.
 */
export function isoUtc(value: string): string {
  return CANONICAL.test(value) ? value : new Date(value).toISOString();
}

/** Whether a wire value is a date-time the records can carry (for the wire schemas' checks). */
export function isDateTime(value: string): boolean {
  return CANONICAL.test(value) || !Number.isNaN(Date.parse(value));
}
