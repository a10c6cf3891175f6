/** A JSON object (not null, not an array): the guard every stage uses before reading keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
