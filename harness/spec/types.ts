/**
 * The contract between the spec layer (match exchanges to operations and schemas) and its
 * consumers (field mapper, typegen, reports). Implemented in harness/spec/.
 */

/** A JSON Schema object as it appears in the (normalised) OpenAPI document. */
export type JsonSchema = { [key: string]: unknown } | boolean;

/** An operation the spec defines, keyed the way findings name it: `POST /chat/completions`. */
export interface OperationMatch {
  /** `${METHOD} ${pathTemplate}`, the template without any `/v1` prefix or query string. */
  key: string;
  method: string;
  pathTemplate: string;
  operationId: string | null;
  /** Values of templated path segments, e.g. `{ thread_id: 'thread_abc' }`. */
  params: Record<string, string>;
  /** The key in the spec's `paths`, query included when the spec has one (`/responses?beta=true`). */
  pathKey?: string;
}

/** A schema chosen for a payload; `name` is the component name when it is a `$ref` to one. */
export interface SchemaChoice {
  /** Component schema name (`CreateChatCompletionResponse`), or null for an inline schema. */
  name: string | null;
  /** JSON pointer into the normalised document, e.g. `#/components/schemas/Foo`. */
  pointer: string;
  schema: JsonSchema;
  /** Media type the spec declared this schema under (`application/json`, `text/event-stream`). */
  contentType?: string;
  /** True when the body is binary (`format: binary`, audio/image/video/zip): nothing to validate. */
  binary?: boolean;
  /**
   * True when the operation does not reference this schema and it was chosen by family instead:
   * Assistants runs streamed as `AssistantStreamEvent`, `GET /responses/{id}?stream=true` as
   * `ResponseStreamEvent`, 3.0 chat chunks by their `object`. The mapper may report that.
   */
  undeclared?: boolean;
}

/** What the spec says about one stream event. */
export type EventChoice =
  | { kind: 'schema'; choice: SchemaChoice; eventType: string | null }
  | { kind: 'terminator' }
  | { kind: 'unknown'; eventType: string | null; reason: string };

/** A schema violation as data (a thin, stable view of Ajv's ErrorObject). */
export interface ValidationIssue {
  /** JSON path in our notation (`choices[].message`), derived from Ajv's instancePath. */
  path: string;
  /** Ajv keyword: required, type, enum, format, additionalProperties, ... */
  keyword: string;
  message: string;
  params: Record<string, unknown>;
  /** For `required` / `additionalProperties`: the full path of the field concerned (`choices[].message.refusal`). */
  field?: string;
  /** Ajv's schemaPath, for debugging which branch rejected the value. */
  schemaPath?: string;
}

/** The loaded, normalised spec with everything the pipeline needs to ask of it. */
export interface SpecIndex {
  /** sha256 of the spec file bytes; keys every cache. */
  sha256: string;
  /** File the spec was loaded from. */
  path: string;
  /** `3.0.x` or `3.1.x` as declared. */
  openapi: string;
  /** The normalised document (3.0-isms rewritten so Ajv 2020 compiles every schema). */
  document: Record<string, unknown>;
  /** Matches method + URL (absolute or path-only, with or without `/v1`); null when unknown. */
  matchOperation(method: string, url: string): OperationMatch | null;
  /** Schema of a request body for the operation and content type, when the spec has one. */
  requestSchema(op: OperationMatch, contentType: string | null): SchemaChoice | null;
  /** Schema of a response body by status (exact, `4XX`, `default`) and content type. */
  responseSchema(op: OperationMatch, status: number, contentType: string | null): SchemaChoice | null;
  /** Schema of one stream event (SSE `event:` name and parsed data); `[DONE]` is a terminator. */
  eventSchema(op: OperationMatch, event: { event?: string; data: unknown }): EventChoice;
  /** Validates a value against a chosen schema with Ajv (compiled lazily, cached). Never throws. */
  validate(choice: SchemaChoice, value: unknown): ValidationIssue[];
  /** Follows a `$ref` (`#/components/schemas/X`) within the normalised document. */
  resolveRef(ref: string): JsonSchema | undefined;
}
