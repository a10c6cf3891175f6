import type { Body, StreamEvent } from '../core/exchange.ts';
import { pushExchange } from './build.ts';
import { inferEndpoint, parseEndpoint } from './endpoint.ts';
import { providerFor } from './provider.ts';
import { addError, safeMessage, type ReadContext } from './types.ts';

/**
 * Body-only fixtures: raw SSE files, JSON-lines chunk files (one decoded `data:` payload per line),
 * bare JSON bodies and Jest snapshots of raw bodies. They recorded no request, so the endpoint
 * comes from the `endpoint` option or is inferred from the body (and the exchange notes it).
 */

/** First JSON `data:` payload of an SSE text, parsed alone (cheap; used only to infer the endpoint). */
function firstSseData(text: string): unknown {
  const match = /^data: ?(\{.*)$/m.exec(text);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

interface Target {
  method: string;
  url: string;
  notes: string[];
}

/** Resolves the endpoint of a body-only entry; records an error and returns null if it cannot. */
function target(ctx: ReadContext, entry: number | null, sample: unknown): Target | null {
  const hint = ctx.options.endpoint;
  if (hint) {
    const parsed = parseEndpoint(hint);
    if (parsed) return { method: parsed.method, url: parsed.path, notes: [] };
    addError(ctx, entry, `endpoint option is not "METHOD /path"`);
    return null;
  }
  const inferred = inferEndpoint(sample);
  const parsed = inferred ? parseEndpoint(inferred) : null;
  if (!parsed) {
    addError(ctx, entry, 'body-only fixture: the endpoint cannot be inferred from the body; pass --endpoint "METHOD /v1/path"');
    return null;
  }
  return { method: parsed.method, url: parsed.path, notes: [`endpoint ${inferred} inferred from the body`] };
}

/** Body-only fixtures never stored a status; an `error` body is taken as a 400 (and noted). */
function statusFor(sample: unknown, notes: string[]): number {
  if (typeof sample === 'object' && sample !== null && 'error' in sample && !('object' in sample)) {
    notes.push('status not recorded; 400 assumed for an error body');
    return 400;
  }
  return 200;
}

/** A raw SSE body (`data:` / `event:` framing). */
export function readSseFixture(ctx: ReadContext, text: string, entry: number | null = null): void {
  const sample = firstSseData(text);
  const to = target(ctx, entry, sample);
  if (!to) return;
  pushExchange(ctx, entry, {
    method: to.method,
    url: to.url,
    requestHeaders: {},
    requestBody: null,
    status: 200,
    responseHeaders: {},
    responseBody: { kind: 'text', text },
    notes: [...to.notes, 'body-only fixture: no request or headers recorded'],
  });
}

/** A bare JSON body, already parsed by the sniffer. */
export function readJsonBody(ctx: ReadContext, value: unknown, entry: number | null = null): void {
  const to = target(ctx, entry, value);
  if (!to) return;
  const notes = [...to.notes, 'body-only fixture: no request or headers recorded'];
  const status = statusFor(value, notes);
  pushExchange(ctx, entry, {
    method: to.method,
    url: to.url,
    requestHeaders: {},
    requestBody: null,
    status,
    responseHeaders: {},
    responseBody: { kind: 'json', value },
    notes,
  });
}

/** JSON lines, one decoded stream payload per line, no SSE framing and no `[DONE]`. */
export function readJsonLines(ctx: ReadContext, text: string): void {
  const events: StreamEvent[] = [];
  let lineNo = 0;
  for (const line of text.split(/\r?\n/)) {
    lineNo++;
    if (line.trim().length === 0) continue;
    try {
      events.push({ index: events.length, data: JSON.parse(line), json: true });
    } catch (error) {
      addError(ctx, null, `line ${lineNo}: ${safeMessage(error)}`);
      events.push({ index: events.length, data: line, json: false });
    }
  }
  const to = target(ctx, null, events.find((event) => event.json)?.data);
  if (!to) return;
  const body: Body = { kind: 'text', text };
  ctx.exchanges.push({
    source: { file: ctx.file, entry: null, format: ctx.format },
    // The same rule as every other reader, so `--endpoint "POST https://host/..."` names the host.
    provider: providerFor(to.url, undefined, ctx.options.provider),
    request: { method: to.method, url: to.url, headers: {}, body: { kind: 'empty' } },
    response: { status: 200, headers: {}, body, events },
    notes: [...to.notes, 'body-only fixture: JSON lines of stream payloads, no framing recorded'],
  });
}

/** Reverses Jest's template-literal escaping of backslashes, backticks and `${`. */
function unescapeTemplate(text: string): string {
  return text.replace(/\\(\\|`|\$(?=\{))/g, '$1');
}

/** Jest snapshot files: every `exports[`name`] = `"<raw body>"`;` is one body-only entry. */
export function readJestSnapshot(ctx: ReadContext, text: string): void {
  const pattern = /^exports\[`(?:[^`\\]|\\[\s\S])*`\] = `((?:[^`\\]|\\[\s\S])*)`;\s*$/gm;
  let entry = 0;
  for (const match of text.matchAll(pattern)) {
    const index = entry++;
    // Jest prints multi-line strings as `\n"<body>"\n` inside the template literal.
    const value = unescapeTemplate(match[1] ?? '').replace(/^\n/, '').replace(/\n$/, '');
    if (!(value.startsWith('"') && value.endsWith('"') && value.length >= 2)) {
      addError(ctx, index, 'snapshot is not a raw body string');
      continue;
    }
    const body = value.slice(1, -1);
    const trimmed = body.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        readJsonBody(ctx, JSON.parse(body), index);
      } catch (error) {
        addError(ctx, index, `snapshot body: ${safeMessage(error)}`);
      }
    } else {
      readSseFixture(ctx, body, index);
    }
  }
  if (entry === 0) addError(ctx, null, 'Jest snapshot holds no exports');
}
