/**
 * Stream event selection. An operation's `text/event-stream` schema is either one chunk schema
 * (chat: `CreateChatCompletionStreamResponse`) or a union of event schemas told apart by their
 * `type` const (Responses, images, speech, transcription). Assistants streams are described by
 * `AssistantStreamEvent`, whose members wrap `{event, data}` and are chosen by the SSE `event:`
 * name; no operation references it, so it is the fallback for streams without their own schema.
 */

import { DONE } from '../core/sse.ts';
import { choiceAt, escapeSegment, getPointer } from './pointer.ts';
import { deref, errorSchema, operationNode } from './select.ts';
import type { EventChoice, OperationMatch, SchemaChoice } from './types.ts';
import type { ValidatorGroup } from './validator.ts';
import { isRecord } from '../core/json.ts';

/** Streams the spec describes although the operation does not reference them, by path template. */
const UNDECLARED_STREAMS: readonly (readonly [RegExp, string])[] = [
  [/^\/threads(\/|$)/, 'AssistantStreamEvent'],
  [/^\/responses(\/|$)/, 'ResponseStreamEvent'],
  [/^\/chat\/completions$/, 'CreateChatCompletionStreamResponse'],
  // Legacy completions stream chunks have the shape of the whole response.
  [/^\/completions$/, 'CreateCompletionResponse'],
];

/** The single value a property schema allows (`const`, or an `enum` of one), if any. */
function constOf(document: unknown, schema: unknown): string | null {
  let node = schema;
  if (isRecord(node) && typeof node['$ref'] === 'string') node = getPointer(document, node['$ref']);
  if (!isRecord(node)) return null;
  if (typeof node['const'] === 'string') return node['const'];
  const values = node['enum'];
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : null;
}

/** Leaf members of a (nested) anyOf/oneOf union, keyed by the const of `property`. */
function unionMembers(document: unknown, pointer: string, property: string, out: Map<string, SchemaChoice>, depth = 0): boolean {
  const choice = choiceAt(document, pointer);
  if (!choice || !isRecord(choice.schema) || depth > 8) return false;
  const schema = choice.schema;
  const value = isRecord(schema['properties']) ? constOf(document, schema['properties'][property]) : null;
  if (value !== null) {
    if (!out.has(value)) out.set(value, choice);
    return true;
  }
  let union = false;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    members.forEach((_, i) => {
      if (unionMembers(document, `${choice.pointer}/${keyword}/${i}`, property, out, depth + 1)) union = true;
    });
  }
  return union;
}

/** Per-spec event lookup tables, built lazily. */
export class EventIndex {
  private readonly unions = new Map<string, Map<string, SchemaChoice> | null>();
  private assistants: Map<string, SchemaChoice> | null = null;
  private objects: Map<string, SchemaChoice> | null = null;
  /** Member pointer -> the union it belongs to, for compiling and caching members together. */
  private readonly groups = new Map<string, ValidatorGroup>();
  /** Stream schema per operation (every event of a stream asks again). */
  private readonly streams = new Map<string, SchemaChoice | null>();

  constructor(private readonly document: Record<string, unknown>) {}

  /** The event-stream schema the operation declares for a success response, if any. */
  private declaredStream(op: OperationMatch): SchemaChoice | null {
    const found = operationNode(this.document, op);
    const responses = found?.node['responses'];
    if (!found || !isRecord(responses)) return null;
    for (const [status, raw] of Object.entries(responses)) {
      if (!status.startsWith('2') || !isRecord(raw)) continue;
      // A `$ref`'d response (`#/components/responses/X`) is followed as for bodies (select.ts).
      const response = deref(this.document, raw) ?? { node: raw, pointer: `${found.pointer}/responses/${escapeSegment(status)}` };
      const content = response.node['content'];
      if (!isRecord(content)) continue;
      const key = Object.keys(content).find((k) => k.toLowerCase() === 'text/event-stream');
      if (key) {
        const choice = choiceAt(this.document, `${response.pointer}/content/${escapeSegment(key)}/schema`);
        if (choice) return { ...choice, contentType: key };
      }
    }
    return null;
  }

  /**
   * The operation's event-stream schema; when it declares none, the schema the spec describes
   * that family's streams with (Assistants runs, `GET /responses/{id}?stream=true`, 3.0 chat),
   * marked `undeclared`.
   */
  streamSchema(op: OperationMatch): SchemaChoice | null {
    const key = `${op.method} ${op.pathKey ?? op.pathTemplate}`;
    if (!this.streams.has(key)) this.streams.set(key, this.findStream(op));
    return this.streams.get(key) ?? null;
  }

  private findStream(op: OperationMatch): SchemaChoice | null {
    const declared = this.declaredStream(op);
    if (declared) return declared;
    const family = UNDECLARED_STREAMS.find(([pattern]) => pattern.test(op.pathTemplate));
    const choice = family ? choiceAt(this.document, `#/components/schemas/${family[1]}`) : null;
    return choice ? { ...choice, contentType: 'text/event-stream', undeclared: true } : null;
  }

  /** Members of a union stream schema keyed by `type`, or null when it is a single chunk schema. */
  private members(stream: SchemaChoice): Map<string, SchemaChoice> | null {
    if (!this.unions.has(stream.pointer)) {
      const out = new Map<string, SchemaChoice>();
      const union = unionMembers(this.document, stream.pointer, 'type', out);
      this.unions.set(stream.pointer, union && out.size > 1 ? out : null);
      if (union && out.size > 1) this.group(stream.pointer, [...out.values()]);
    }
    return this.unions.get(stream.pointer) ?? null;
  }

  /** Assistants events: SSE event name -> schema of its `data`. */
  assistantEvents(): Map<string, SchemaChoice> {
    if (!this.assistants) {
      const wrappers = new Map<string, SchemaChoice>();
      this.assistants = new Map();
      if (getPointer(this.document, '#/components/schemas/AssistantStreamEvent')) {
        unionMembers(this.document, '#/components/schemas/AssistantStreamEvent', 'event', wrappers);
      }
      for (const [event, wrapper] of wrappers) {
        const data = choiceAt(this.document, `${wrapper.pointer}/properties/data`);
        if (data) this.assistants.set(event, data);
      }
      this.group('#/components/schemas/AssistantStreamEvent', [...this.assistants.values()]);
    }
    return this.assistants;
  }

  private group(key: string, members: SchemaChoice[]): void {
    const pointers = [...new Set(members.filter((m) => typeof m.schema !== 'boolean').map((m) => m.pointer))].sort();
    const group = { key, pointers };
    for (const pointer of pointers) if (!this.groups.has(pointer)) this.groups.set(pointer, group);
  }

  /** The union a schema was chosen from as a stream event member, if any. */
  groupOf(pointer: string): ValidatorGroup | undefined {
    return this.groups.get(pointer);
  }

  choose(op: OperationMatch, event: { event?: string; data: unknown }): EventChoice {
    if (event.data === DONE) return { kind: 'terminator' };
    const data = event.data;
    const dataType = isRecord(data) && typeof data['type'] === 'string' ? data['type'] : null;
    // A mid-stream `{"error": {...}}` is an error body, not a malformed chunk.
    if (isRecord(data) && Object.keys(data).length === 1 && isRecord(data['error'])) {
      const choice = errorSchema(this.document);
      if (choice) return { kind: 'schema', choice, eventType: event.event ?? 'error' };
    }
    const stream = this.streamSchema(op);
    const undeclared = stream?.undeclared ? { undeclared: true } : {};
    if (stream?.name === 'AssistantStreamEvent') {
      const member = event.event ? this.assistantEvents().get(event.event) : undefined;
      if (member) return { kind: 'schema', choice: { ...member, contentType: 'text/event-stream', ...undeclared }, eventType: event.event ?? null };
      const reason = event.event ? `"${event.event}" is not an AssistantStreamEvent` : 'Assistants events are chosen by their SSE `event:` name and this one has none';
      return { kind: 'unknown', eventType: event.event ?? dataType, reason };
    }
    if (stream) {
      const members = this.members(stream);
      if (!members) return { kind: 'schema', choice: stream, eventType: dataType ?? event.event ?? null };
      const eventType = dataType ?? event.event ?? null;
      const member = eventType === null ? undefined : members.get(eventType);
      if (member) return { kind: 'schema', choice: { ...member, contentType: 'text/event-stream', ...undeclared }, eventType };
      return {
        kind: 'unknown',
        eventType,
        reason: eventType === null ? `event has no "type" to pick a ${stream.name ?? 'stream'} member` : `no ${stream.name ?? 'stream'} member has type "${eventType}"`,
      };
    }
    // Older specs (3.0, 2024) declare no stream schema for chat or completions: the chunk's
    // `object` (`chat.completion.chunk`, `text_completion`) names the schema that describes it.
    const object = isRecord(data) && typeof data['object'] === 'string' ? data['object'] : null;
    const byObject = object === null ? undefined : this.objectSchemas().get(object);
    if (byObject) return { kind: 'schema', choice: { ...byObject, contentType: 'text/event-stream', undeclared: true }, eventType: dataType ?? event.event ?? null };
    return { kind: 'unknown', eventType: event.event ?? dataType, reason: `${op.key} declares no event stream` };
  }

  /** Component schemas by the single value of their `object` property (first one wins). */
  private objectSchemas(): Map<string, SchemaChoice> {
    if (!this.objects) {
      this.objects = new Map();
      const schemas = (this.document['components'] as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
      for (const [name, schema] of Object.entries(schemas)) {
        const properties = isRecord(schema) ? schema['properties'] : undefined;
        const value = isRecord(properties) ? constOf(this.document, properties['object']) : null;
        const choice = value === null ? null : choiceAt(this.document, `#/components/schemas/${escapeSegment(name)}`);
        if (value !== null && choice && !this.objects.has(value)) this.objects.set(value, choice);
      }
    }
    return this.objects;
  }
}
