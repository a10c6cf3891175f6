import type { Exchange, StreamTiming } from '../core/exchange.ts';
import { decodeBody, type ChunkTiming, type RawBody } from './body.ts';
import { normalizeHeaders } from './headers.ts';
import { providerFor } from './provider.ts';
import { addError, isRecord, safeMessage, type ReadContext } from './types.ts';

/** One entry as a reader found it, before decoding; every format maps onto this. */
export interface RawExchange {
  method: string;
  url: string;
  requestHeaders: unknown;
  requestBody: RawBody;
  status: number;
  responseHeaders: unknown;
  responseBody: RawBody;
  /** Any date the cassette gives (ISO, RFC 1123, ...); normalised to ISO. */
  recordedAt?: unknown;
  /** `log._fieldwork.provider` or another explicit label. */
  providerLabel?: string;
  /** Recorded arrival of body pieces (our HAR `_chunks`). */
  chunks?: readonly ChunkTiming[];
  /** Total duration when recorded (HAR `time`). */
  totalMs?: number;
  notes?: string[];
  /** Cassette-level metadata shared by all exchanges of the file (`log._fieldwork`). */
  meta?: Record<string, unknown>;
  /**
   * Bodies are already decoded whatever content-encoding says (HAR): only bytes that carry the
   * gzip magic are still decompressed.
   */
  decodedContent?: boolean;
}

function toIso(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Decodes one raw entry into an `Exchange` and appends it; body problems become ReadErrors for
 * this entry while the exchange (with the undecoded body kept) is still returned.
 */
export function pushExchange(ctx: ReadContext, entry: number | null, raw: RawExchange): void {
  try {
    ctx.exchanges.push(buildExchange(ctx, entry, raw));
  } catch (error) {
    // Pathological input (e.g. nesting deep enough to overflow the stack) loses this entry only.
    addError(ctx, entry, `entry could not be read (${safeMessage(error)})`);
  }
}

function buildExchange(ctx: ReadContext, entry: number | null, raw: RawExchange): Exchange {
  const requestHeaders = normalizeHeaders(raw.requestHeaders);
  const responseHeaders = normalizeHeaders(raw.responseHeaders);
  const trustEncoding = !raw.decodedContent;
  const request = decodeBody(raw.requestBody, requestHeaders, undefined, trustEncoding);
  const response = decodeBody(raw.responseBody, responseHeaders, raw.chunks, trustEncoding);
  if (request.problem) addError(ctx, entry, `request ${request.problem}`);
  if (response.problem) addError(ctx, entry, `response ${response.problem}`);
  const exchange: Exchange = {
    source: raw.meta ? { file: ctx.file, entry, format: ctx.format, meta: raw.meta } : { file: ctx.file, entry, format: ctx.format },
    provider: providerFor(raw.url, raw.providerLabel, ctx.options.provider),
    request: { method: raw.method.toUpperCase(), url: raw.url, headers: requestHeaders, body: request.body },
    response: { status: raw.status, headers: responseHeaders, body: response.body },
  };
  if (response.events) exchange.response.events = response.events;
  // The cassette's own timestamp wins; the response Date header is the next best evidence.
  const recordedAt = toIso(raw.recordedAt) ?? toIso(responseHeaders['date']);
  if (recordedAt) exchange.recordedAt = recordedAt;
  const timing = timingOf(raw);
  if (timing) exchange.timing = timing;
  const notes = response.notes ? [...(raw.notes ?? []), ...response.notes] : raw.notes;
  if (notes && notes.length > 0) exchange.notes = notes;
  return exchange;
}

function timingOf(raw: RawExchange): StreamTiming | undefined {
  if (!raw.chunks || raw.chunks.length === 0) return undefined;
  const chunkOffsetsMs = raw.chunks.map((chunk) => chunk.offsetMs);
  const timing: StreamTiming = { chunkOffsetsMs };
  const first = chunkOffsetsMs[0];
  if (first !== undefined) timing.firstChunkMs = first;
  const total = raw.totalMs ?? chunkOffsetsMs[chunkOffsetsMs.length - 1];
  if (total !== undefined) timing.totalMs = total;
  return timing;
}

/** Reads a numeric HTTP status from the shapes cassettes use (200, "200", {code}, {status_code}). */
export function statusOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim());
  if (isRecord(value)) return statusOf(value['code'] ?? value['status_code'] ?? value['status']);
  return null;
}
