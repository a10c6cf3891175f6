/**
 * The spec's own examples, held against the spec: every `x-oaiMeta` response example on an
 * operation (JSON bodies and SSE transcripts) and every `x-oaiMeta.example` on a component schema.
 * Pure: returns data; `fieldwork spec examples` prints it and the field mapper may turn invalid
 * examples into findings.
 */

import type { StreamEvent } from '../core/exchange.ts';
import { parseSse } from '../core/sse.ts';
import type { LoadedSpec } from './spec-index.ts';
import type { OperationMatch, SchemaChoice, ValidationIssue } from './types.ts';
import { isRecord } from '../core/json.ts';

/** What became of one example. */
export type ExampleStatus = 'valid' | 'invalid' | 'not-checkable';

/** One example and what became of it. */
export interface ExampleCheck {
  source: 'operation' | 'schema';
  /** `POST /chat/completions` for operation examples, null for schema examples. */
  operation: string | null;
  /** Example title (operation examples) or the component name (schema examples). */
  title: string | null;
  /** Position among the operation's examples. */
  index: number;
  /** `json` body, `sse` transcript, or `other` (binary, SDP, placeholder text). */
  format: 'json' | 'sse' | 'other';
  /** Schema the example was held against (component name or pointer), when there was one. */
  schema: string | null;
  status: ExampleStatus;
  /** Why it is invalid (first issues, in our path notation) or why it could not be checked. */
  reason: string | null;
  issues: ValidationIssue[];
  /** True for an `error_response` example (held against the error schema, counted as `operation.error`). */
  errorResponse?: boolean;
  /** For SSE: the stream event index of each issue (parallel to `issues`). */
  eventIndexes?: number[];
  /**
   * Only with `checkExamples(spec, { payloads: true })`: every value that was validated, with the
   * schema it was held against, so a consumer (the field mapper) walks exactly what Ajv saw.
   */
  payloads?: ExamplePayload[];
}

/** One validated value of an example: a JSON body, one SSE event or one stream chunk. */
export interface ExamplePayload {
  choice: SchemaChoice;
  value: unknown;
  /** Stream event (or chunk) index; null for a JSON body. */
  event: number | null;
}

/** How many examples of one kind were valid, invalid, not checkable. */
export interface ExampleCounts {
  valid: number;
  invalid: number;
  notCheckable: number;
}

/** Everything `checkExamples` found, per example and counted. */
export interface ExampleReport {
  spec: string;
  sha256: string;
  checks: ExampleCheck[];
  /**
   * Counts per source and format: `operation.json`, `operation.sse`, `operation.other`,
   * `operation.error` (`error_response` examples), `schema.json`, `schema.other`.
   */
  counts: Record<string, ExampleCounts>;
}

type Node = Record<string, unknown>;

/** The first few issues as one line: `choices[].message.refusal: must have required property 'refusal'`. */
export function describeIssues(issues: readonly ValidationIssue[], eventIndexes?: readonly number[], limit = 3): string {
  const parts = issues.slice(0, limit).map((issue, i) => {
    const where = issue.field ?? (issue.path || '(root)');
    const event = eventIndexes?.[i] === undefined ? '' : `event ${eventIndexes[i]}: `;
    const extra = issue.keyword === 'enum' && Array.isArray(issue.params['allowedValues']) ? ` (${(issue.params['allowedValues'] as unknown[]).map(String).join(', ')})` : '';
    return `${event}${where}: ${issue.message}${extra}`;
  });
  return issues.length > limit ? `${parts.join('; ')}; and ${issues.length - limit} more` : parts.join('; ');
}

/**
 * Ajv (allErrors) reports every failed branch of an anyOf/oneOf. Keep what says what is wrong:
 * drop the union summaries when branch details exist, drop "must be null" from the unchosen null
 * branch of a nullable field when the field has other issues, and drop duplicates.
 */
export function simplifyIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const unions = ['anyOf', 'oneOf', 'if', 'allOf', 'not'];
  let kept = issues.filter((i) => !unions.includes(i.keyword) || (i.keyword === 'oneOf' && Array.isArray(i.params['passingSchemas'])));
  if (kept.length === 0) kept = [...issues];
  const under = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[]`);
  kept = kept.filter((i) => !(i.keyword === 'type' && i.params['type'] === 'null' && kept.some((o) => o !== i && under(o.field ?? o.path, i.path))));
  const seen = new Set<string>();
  return kept
    .map((i) => (i.keyword === 'oneOf' && Array.isArray(i.params['passingSchemas']) ? { ...i, message: `matches more than one oneOf branch (${(i.params['passingSchemas'] as unknown[]).join(', ')})` } : i))
    .filter((i) => {
      const key = `${i.field ?? i.path}|${i.keyword}|${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Stream examples written as JSON chunks separated by blank lines, with `....` for the elided
 * middle (the chat streaming example): the parsed chunks, or null when the text is not that.
 */
function jsonChunks(text: string): unknown[] | null {
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b.length > 0);
  if (blocks.length < 2) return null;
  const values: unknown[] = [];
  for (const block of blocks) {
    if (/^[.…\s]+$/.test(block)) continue;
    try {
      values.push(JSON.parse(block));
    } catch {
      return null;
    }
  }
  return values.length >= 2 ? values : null;
}

function classify(response: unknown): { format: ExampleCheck['format']; value?: unknown; text: string; error?: string; chunks?: unknown[] } {
  // Older specs wrap some examples as `response: {content: "<json text>"}`.
  if (isRecord(response) && Object.keys(response).length === 1 && typeof response['content'] === 'string') response = response['content'];
  if (typeof response !== 'string') return { format: 'json', value: response, text: JSON.stringify(response) };
  const text = response.trim();
  if (/^(event|data):/m.test(text.slice(0, 200)) && !text.startsWith('{')) return { format: 'sse', text };
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return { format: 'json', value: JSON.parse(text), text };
    } catch (error) {
      const chunks = jsonChunks(text);
      if (chunks) return { format: 'sse', text, chunks };
      return { format: 'json', text, error: `not valid JSON (${(error as Error).message})` };
    }
  }
  return { format: 'other', text };
}

function successStatus(op: Node): number {
  const responses = isRecord(op['responses']) ? Object.keys(op['responses']) : [];
  const success = responses.find((k) => /^2\d\d$/.test(k));
  return success ? Number(success) : 200;
}

function label(choice: SchemaChoice): string {
  return choice.name ?? choice.pointer;
}

function checkJson(spec: LoadedSpec, base: ExampleCheck, choice: SchemaChoice | null, value: unknown): ExampleCheck {
  if (!choice) return { ...base, status: 'not-checkable', reason: 'the operation declares no JSON response schema' };
  if (choice.binary) return { ...base, schema: label(choice), status: 'not-checkable', reason: 'the response is binary' };
  const issues = spec.validate(choice, value);
  const checked: ExampleCheck = { ...base, schema: label(choice), payloads: [{ choice, value, event: null }] };
  if (issues.some((i) => i.keyword === 'compile')) return { ...checked, status: 'not-checkable', reason: issues[0]?.message ?? 'schema does not compile', issues };
  if (issues.length === 0) return { ...checked, status: 'valid' };
  const shown = simplifyIssues(issues);
  return { ...checked, status: 'invalid', reason: describeIssues(shown), issues: shown };
}

function checkSse(spec: LoadedSpec, base: ExampleCheck, op: OperationMatch, text: string, chunks?: unknown[]): ExampleCheck {
  const stream = spec.streamSchema(op);
  if (!stream) return { ...base, status: 'not-checkable', reason: 'the operation declares no event stream' };
  const events: StreamEvent[] = chunks ? chunks.map((data, index) => ({ index, data, json: true })) : parseSse(`${text}\n\n`).events;
  const issues: ValidationIssue[] = [];
  const eventIndexes: number[] = [];
  const payloads: ExamplePayload[] = [];
  const skipped: string[] = [];
  for (const event of events) {
    if (!event.json) {
      if (event.data !== '[DONE]') skipped.push(`event ${event.index} is not JSON`);
      continue;
    }
    const choice = spec.eventSchema(op, event.event === undefined ? { data: event.data } : { event: event.event, data: event.data });
    if (choice.kind === 'terminator') continue;
    if (choice.kind === 'unknown') {
      issues.push({ path: '', keyword: 'event', message: choice.reason, params: { eventType: choice.eventType } });
      eventIndexes.push(event.index);
      continue;
    }
    payloads.push({ choice: choice.choice, value: event.data, event: event.index });
    for (const issue of simplifyIssues(spec.validate(choice.choice, event.data))) {
      issues.push(issue);
      eventIndexes.push(event.index);
    }
  }
  const done: ExampleCheck = { ...base, schema: label(stream), payloads };
  if (issues.length > 0) return { ...done, status: 'invalid', reason: describeIssues(issues, eventIndexes), issues, eventIndexes };
  if (payloads.length === 0) return { ...done, status: 'not-checkable', reason: skipped[0] ?? 'the transcript holds no events' };
  return { ...done, status: 'valid', reason: skipped.length > 0 ? `${skipped.length} non-JSON event(s) skipped` : null };
}

/** A schema example made of several stream chunks: each chunk against the schema. */
function checkChunks(spec: LoadedSpec, base: ExampleCheck, choice: SchemaChoice, chunks: unknown[]): ExampleCheck {
  const issues: ValidationIssue[] = [];
  const eventIndexes: number[] = [];
  const done: ExampleCheck = { ...base, payloads: chunks.map((value, index) => ({ choice, value, event: index })) };
  chunks.forEach((chunk, index) => {
    for (const issue of simplifyIssues(spec.validate(choice, chunk))) {
      issues.push(issue);
      eventIndexes.push(index);
    }
  });
  if (issues.length === 0) return { ...done, status: 'valid' };
  return { ...done, status: 'invalid', reason: describeIssues(issues, eventIndexes), issues, eventIndexes };
}

/**
 * Validates every response example of every operation and every component schema example.
 * `payloads: true` keeps the validated values and their schemas on each check (see ExampleCheck).
 */
export function checkExamples(spec: LoadedSpec, options: { payloads?: boolean } = {}): ExampleReport {
  const checks: ExampleCheck[] = [];
  const paths = isRecord(spec.document['paths']) ? spec.document['paths'] : {};
  for (const op of spec.operations()) {
    const node = (paths[op.pathKey ?? op.pathTemplate] as Node | undefined)?.[op.method.toLowerCase()];
    const meta = isRecord(node) ? node['x-oaiMeta'] : undefined;
    if (!isRecord(node) || !isRecord(meta) || meta['examples'] === undefined) continue;
    const examples = Array.isArray(meta['examples']) ? meta['examples'] : [meta['examples']];
    examples.forEach((example: unknown, index) => {
      if (!isRecord(example) || example['response'] === undefined) return;
      const title = typeof example['title'] === 'string' ? example['title'] : null;
      const found = classify(example['response']);
      const base: ExampleCheck = { source: 'operation', operation: op.key + (op.pathKey?.includes('?') ? ` (${op.pathKey.split('?')[1]})` : ''), title, index, format: found.format, schema: null, status: 'not-checkable', reason: null, issues: [] };
      if (found.format === 'other') checks.push({ ...base, reason: found.text === '' ? 'the example is empty' : 'the example is not JSON or SSE (binary, SDP or placeholder text)' });
      else if (found.format === 'sse') checks.push(checkSse(spec, base, op, found.text, found.chunks));
      else if (found.error) checks.push({ ...base, reason: found.error });
      else checks.push(checkJson(spec, base, spec.responseSchema(op, successStatus(node), 'application/json'), found.value));
      if (example['error_response'] !== undefined) {
        const error = classify(example['error_response']);
        const errorBase: ExampleCheck = { ...base, format: error.format, errorResponse: true };
        if (error.format !== 'json') checks.push({ ...errorBase, reason: 'the error example is not JSON' });
        else if (error.error) checks.push({ ...errorBase, reason: error.error });
        else checks.push(checkJson(spec, errorBase, spec.errorSchema(), error.value));
      }
    });
  }
  for (const name of spec.schemaNames()) {
    const choice = spec.componentSchema(name);
    const meta = choice && isRecord(choice.schema) ? choice.schema['x-oaiMeta'] : undefined;
    if (!choice || !isRecord(meta) || meta['example'] === undefined) continue;
    const found = classify(meta['example']);
    const base: ExampleCheck = { source: 'schema', operation: null, title: name, index: 0, format: found.format, schema: name, status: 'not-checkable', reason: null, issues: [] };
    if (found.chunks) checks.push(checkChunks(spec, base, choice, found.chunks));
    else if (found.format !== 'json') checks.push({ ...base, reason: 'the example is not JSON' });
    else if (found.error) checks.push({ ...base, reason: found.error });
    else checks.push(checkJson(spec, base, choice, found.value));
  }
  const counts: Record<string, ExampleCounts> = {};
  for (const check of checks) {
    if (!options.payloads) delete check.payloads;
    const bucket = (counts[check.errorResponse ? 'operation.error' : `${check.source}.${check.format}`] ??= { valid: 0, invalid: 0, notCheckable: 0 });
    if (check.status === 'valid') bucket.valid++;
    else if (check.status === 'invalid') bucket.invalid++;
    else bucket.notCheckable++;
  }
  return { spec: spec.path, sha256: spec.sha256, checks, counts };
}
