/**
 * Findings are data, never exceptions (like ajv's ErrorObject): each one names the cassette, entry,
 * stream event and JSON path, so a user can go straight to the byte that surprised us.
 */

/** Every kind of finding the pipeline can emit. */
export const FINDING_KINDS = [
  'undocumented-field',
  'missing-required',
  'type-mismatch',
  'enum-drift',
  'unexpected-null',
  'format-mismatch',
  'unknown-operation',
  'unknown-event',
  'undocumented-header',
  'schema-violation',
  'stream-inconsistency',
  'read-error',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** `POST /chat/completions` (spec path template, no `/v1`), or null when unknown. */
  operation: string | null;
  /** Component schema name, e.g. `CreateChatCompletionResponse`, when there is one. */
  schema: string | null;
  /** JSON path with `[]` for array items, e.g. `choices[].message.refusal`; `` for the root. */
  path: string;
  /** JSON type observed at the path: string, number, integer, boolean, null, object, array. */
  observedType?: string;
  /** A short rendering of the value (truncated, never a secret). */
  value?: string;
  message: string;
  file: string;
  entry: number | null;
  /** Stream event index, null for whole-body findings. */
  event: number | null;
  model: string | null;
  provider: string;
}
