import type { Exchange, StreamEvent } from '../core/exchange.ts';
import { normaliseDocument } from '../spec/normalise.ts';
import type { EventChoice, JsonSchema, OperationMatch, SchemaChoice, SpecIndex } from '../spec/types.ts';

/**
 * A tiny in-memory SpecIndex for table-driven tests of the mapper with hand-made schemas.
 * Operations are `paths[template][method].responses[status].content['application/json'].schema`;
 * stream events are looked up by `type` (or `object`) in `x-events: { eventType: schema }`.
 */
export function miniSpec(source: Record<string, unknown>): SpecIndex {
  // Normalised like a loaded spec (3.0 `nullable` -> null branches), so the mapper sees what it sees in real runs.
  const document = structuredClone(source);
  normaliseDocument(document);
  const resolveRef = (ref: string): JsonSchema | undefined => {
    let cur: unknown = document;
    for (const raw of ref.replace(/^#\/?/, '').split('/')) {
      if (raw === '') continue;
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur as JsonSchema | undefined;
  };
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const events = (document['x-events'] ?? {}) as Record<string, JsonSchema>;
  return {
    sha256: 'test',
    path: 'mini-spec',
    openapi: '3.1.0',
    document,
    resolveRef,
    matchOperation(method: string, url: string): OperationMatch | null {
      const path = new URL(url, 'http://x').pathname.replace(/^\/v1(?=\/)/, '');
      for (const template of Object.keys(paths)) {
        const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (re.test(path) && paths[template]?.[method.toLowerCase()]) {
          return { key: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), pathTemplate: template, operationId: null, params: {} };
        }
      }
      return null;
    },
    requestSchema: () => null,
    responseSchema(op: OperationMatch, status: number): SchemaChoice | null {
      const pointer = `#/paths/${op.pathTemplate.replace(/\//g, '~1')}/${op.method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const schema = resolveRef(pointer);
      if (schema === undefined) return null;
      const ref = typeof schema === 'object' && typeof schema['$ref'] === 'string' ? schema['$ref'] : null;
      return { name: ref ? (ref.split('/').pop() ?? null) : null, pointer: ref ?? pointer, schema };
    },
    eventSchema(_op: OperationMatch, event: { event?: string; data: unknown }): EventChoice {
      if (event.data === '[DONE]') return { kind: 'terminator' };
      const d = event.data as Record<string, unknown>;
      const type = (typeof d?.['type'] === 'string' ? d['type'] : typeof d?.['object'] === 'string' ? d['object'] : event.event) ?? null;
      const schema = type === null ? undefined : events[type];
      if (schema === undefined) return { kind: 'unknown', eventType: type, reason: 'not in x-events' };
      return { kind: 'schema', choice: { name: type, pointer: `#/x-events/${type}`, schema }, eventType: type };
    },
    validate: () => [],
  };
}

/** A hand-made exchange with sensible defaults (JSON body, provider `openai`). */
export function makeExchange(options: {
  method?: string;
  url?: string;
  status?: number;
  body?: unknown;
  request?: unknown;
  headers?: Record<string, string>;
  events?: Array<Omit<StreamEvent, 'index' | 'json'> & { json?: boolean }>;
  provider?: string;
  file?: string;
}): Exchange {
  const events = options.events?.map((e, index) => ({ ...e, index, json: e.json ?? typeof e.data === 'object' }));
  return {
    source: { file: options.file ?? 'hand-made.json', entry: 0, format: 'test' },
    provider: options.provider ?? 'openai',
    request: {
      method: options.method ?? 'POST',
      url: options.url ?? 'https://api.openai.com/v1/things',
      headers: {},
      body: options.request === undefined ? { kind: 'empty' } : { kind: 'json', value: options.request },
    },
    response: {
      status: options.status ?? 200,
      headers: options.headers ?? { 'content-type': 'application/json' },
      body: options.body === undefined ? { kind: 'empty' } : { kind: 'json', value: options.body },
      ...(events ? { events } : {}),
    },
  };
}
