/** The SpecIndex implementation: one loaded spec, with matching, selection and validation. */

import { EventIndex } from './events.ts';
import type { ParsedSpec } from './load.ts';
import { OperationTable } from './match.ts';
import type { NormaliseStats } from './normalise.ts';
import { choiceAt, escapeSegment, getPointer } from './pointer.ts';
import { errorSchema, isEventStream, mediaType, requestSchema, responseSchema } from './select.ts';
import type { EventChoice, JsonSchema, OperationMatch, SchemaChoice, SpecIndex, ValidationIssue } from './types.ts';
import { validatorCacheDir, Validators, type ValidatorStats } from './validator.ts';

/** SpecIndex plus what the spec layer's own tools (examples, sync, benchmarks) need. */
export interface LoadedSpec extends SpecIndex {
  /** What normalisation rewrote. */
  readonly normalisation: NormaliseStats;
  /** True when the parsed document came from the cache. */
  readonly fromCache: boolean;
  /** Where validators came from so far (compiled, loaded from the cache, failed). */
  readonly validatorStats: ValidatorStats;
  /** Every operation in the spec (params empty). */
  operations(): OperationMatch[];
  /** Names of all component schemas. */
  schemaNames(): string[];
  /** A component schema by name. */
  componentSchema(name: string): SchemaChoice | null;
  /** The generic error body schema (`ErrorResponse`). */
  errorSchema(): SchemaChoice | null;
  /** The operation's `text/event-stream` schema, if it declares one. */
  streamSchema(op: OperationMatch): SchemaChoice | null;
  /** Assistants stream events: SSE event name -> schema of its data. */
  assistantEvents(): ReadonlyMap<string, SchemaChoice>;
  /** Compiles (or loads from the cache) the validator for a choice; an Error when it does not compile. */
  compile(choice: SchemaChoice): Error | null;
}

/** Builds the index over a parsed spec. */
export function createSpecIndex(parsed: ParsedSpec, cacheDir: string | null): LoadedSpec {
  const { document } = parsed;
  const paths = (document['paths'] ?? {}) as Record<string, unknown>;
  let table: OperationTable | null = null;
  const operations = (): OperationTable => (table ??= new OperationTable(paths));
  const events = new EventIndex(document);
  const validators = new Validators(document, parsed.stats.formats, cacheDir ? validatorCacheDir(cacheDir, parsed.sha256) : null);
  const schemas = (document['components'] as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};

  return {
    sha256: parsed.sha256,
    path: parsed.path,
    openapi: parsed.openapi,
    document,
    normalisation: parsed.stats,
    fromCache: parsed.fromCache,
    validatorStats: validators.stats,
    matchOperation: (method: string, url: string): OperationMatch | null => operations().match(method, url),
    requestSchema: (op: OperationMatch, contentType: string | null): SchemaChoice | null => requestSchema(document, op, contentType),
    responseSchema: (op: OperationMatch, status: number, contentType: string | null): SchemaChoice | null => {
      const choice = responseSchema(document, op, status, contentType);
      const type = mediaType(contentType);
      // A stream the operation does not declare (Assistants runs, retrieve-with-stream) still has a family schema.
      if (!choice && type !== null && isEventStream(type) && status < 300) return events.streamSchema(op);
      return choice;
    },
    eventSchema: (op: OperationMatch, event: { event?: string; data: unknown }): EventChoice => events.choose(op, event),
    validate: (choice: SchemaChoice, value: unknown): ValidationIssue[] => validators.validate(choice, value, events.groupOf(choice.pointer)),
    resolveRef: (ref: string): JsonSchema | undefined => {
      const found = getPointer(document, ref.startsWith('#') ? ref : `#/components/schemas/${escapeSegment(ref)}`);
      return typeof found === 'boolean' || (typeof found === 'object' && found !== null && !Array.isArray(found)) ? (found as JsonSchema) : undefined;
    },
    operations: () => operations().all(),
    schemaNames: () => Object.keys(schemas),
    componentSchema: (name: string) => (name in schemas ? choiceAt(document, `#/components/schemas/${escapeSegment(name)}`) : null),
    errorSchema: () => errorSchema(document),
    streamSchema: (op: OperationMatch) => events.streamSchema(op),
    assistantEvents: () => events.assistantEvents(),
    compile: (choice: SchemaChoice) => {
      if (typeof choice.schema === 'boolean') return null;
      const fn = validators.get(choice.pointer, events.groupOf(choice.pointer));
      return fn instanceof Error ? fn : null;
    },
  };
}
