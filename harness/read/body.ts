import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Body, HeaderMap, StreamEvent } from '../core/exchange.ts';
import { contentKind, mediaType } from '../core/media-type.ts';
import { parseSse, type SseChunk } from '../core/sse.ts';
import { insertSeparators, missingEventSeparators } from './sse-gaps.ts';
import { safeMessage } from './types.ts';

/** A body as a cassette stores it, before decoding. */
export type RawBody =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'json'; value: unknown }
  | null;

/** Recorded arrival of one piece of a streamed body (our Polly HAR `entry._chunks`). */
export interface ChunkTiming {
  offsetMs: number;
  /** Length of this piece in UTF-8 bytes of the body text. */
  bytes: number;
}

/** A body decoded into the model, with its events when it is a stream. */
export interface DecodedBody {
  body: Body;
  events?: StreamEvent[];
  /** Why the body could not be fully decoded (the entry becomes a ReadError; the body is kept). */
  problem?: string;
  /** Remarks that are not errors, e.g. a stream that ended without its final blank line. */
  notes?: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Undoes content-encoding; gzip is also recognised by its magic bytes when the header was dropped. */
function decompress(bytes: Uint8Array, encoding: string): Uint8Array {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  if (encoding.includes('br')) return brotliDecompressSync(bytes);
  if (encoding.includes('deflate')) {
    try {
      return inflateSync(bytes);
    } catch {
      return inflateRawSync(bytes);
    }
  }
  return bytes;
}

/**
 * Decodes a stored body once into the model: bytes are decompressed (gzip by header or magic,
 * br, deflate) and turned into text when they are UTF-8; event streams (by content type, or by
 * shape when headers were stripped) become `events`; JSON is parsed once. Never throws.
 */
export function decodeBody(
  raw: RawBody,
  headers: HeaderMap,
  chunks?: readonly ChunkTiming[],
  trustEncoding = true,
): DecodedBody {
  if (raw === null) return { body: { kind: 'empty' } };
  if (raw.kind === 'json') return { body: { kind: 'json', value: raw.value } };
  const contentType = (headers['content-type'] ?? '').toLowerCase();
  if (raw.kind === 'text') return decodeBodyText(raw.text, contentType, chunks);
  let bytes = raw.bytes;
  try {
    bytes = decompress(bytes, trustEncoding ? (headers['content-encoding'] ?? '').toLowerCase() : '');
  } catch (error) {
    return { body: { kind: 'bytes', bytes }, problem: `compressed body could not be decoded (${safeMessage(error)})` };
  }
  if (bytes.length === 0) return { body: { kind: 'empty' } };
  // Binary types stay bytes; text types must be UTF-8; multipart and unknown types are text when they decode.
  const kind = contentKind(contentType);
  if (kind === 'binary') return { body: { kind: 'bytes', bytes } };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const problem = kind === 'text' ? `body is not valid UTF-8 (content-type ${contentType})` : undefined;
    return problem ? { body: { kind: 'bytes', bytes }, problem } : { body: { kind: 'bytes', bytes } };
  }
  return decodeBodyText(text, contentType, chunks);
}

/** A body already in text: an event stream becomes events, JSON is parsed, anything else stays text. */
function decodeBodyText(text: string, contentType: string, chunks?: readonly ChunkTiming[]): DecodedBody {
  if (text.length === 0) return { body: { kind: 'empty' } };
  const body: Body = { kind: 'text', text };
  // Only the media type counts, never its parameters.
  const type = mediaType(contentType) ?? '';
  const declaredJson = type.includes('json') && !type.includes('jsonl') && !type.includes('ndjson');
  if (type.includes('event-stream') || ((declaredJson || type === '') && startsLikeSse(text))) {
    let input: string | SseChunk[] = chunks && chunks.length > 0 ? splitChunks(text, chunks) : text;
    // Events run together without blank lines would merge into one non-JSON event: split them.
    const gaps = missingEventSeparators(text);
    if (gaps.length > 0) input = insertSeparators(input, gaps);
    const parsed = parseSse(input);
    const notes: string[] = [];
    const split = gaps.filter((gap) => gap.newEvent).length;
    if (gaps.length > 0) {
      const restored = split === 1 ? '1 event boundary was' : `${split} event boundaries were`;
      notes.push(`event stream lacks blank lines between events: ${restored} restored where a complete JSON payload ended`);
    }
    // A missing final blank line is common in hand-kept fixtures and is also how a cut stream looks.
    if (parsed.unterminated) notes.push('event stream ends without a final blank line');
    return notes.length > 0 ? { body, events: parsed.events, notes } : { body, events: parsed.events };
  }
  const first = firstNonSpace(text);
  if (declaredJson || first === '{' || first === '[') {
    try {
      return { body: { kind: 'json', value: JSON.parse(text) } };
    } catch (error) {
      if (declaredJson) return { body, problem: `body declared as JSON is not valid JSON (${safeMessage(error)})` };
    }
  }
  return { body };
}

/**
 * An event stream stored without (or under a wrong, e.g. JSON) content type: the body must start
 * with SSE framing (a field or a comment). Checking only the start, not `looksLikeSse`'s anywhere
 * in the first lines, keeps text bodies that merely contain `id:` lines text.
 */
const SSE_START = /(?:data|event|id|retry)?:/y;

function startsLikeSse(text: string): boolean {
  // The first 512 characters, leading whitespace skipped, without copying them.
  let i = 0;
  while (i < text.length && i < 512 && /\s/.test(text[i]!)) i++;
  if (i >= 512) return false;
  SSE_START.lastIndex = i;
  return SSE_START.test(text) && SSE_START.lastIndex <= 512;
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length && i < 256; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return undefined;
}

/**
 * Cuts the body text into the pieces that arrived, by their UTF-8 byte lengths, so each parsed
 * event gets the offset of the piece that completed it. Bytes beyond the recorded pieces (a
 * recorder that missed the tail) keep the last offset.
 */
export function splitChunks(text: string, chunks: readonly ChunkTiming[]): SseChunk[] {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new TextDecoder('utf-8');
  const out: SseChunk[] = [];
  let at = 0;
  let last = 0;
  for (const chunk of chunks) {
    const end = Math.min(bytes.length, at + Math.max(0, chunk.bytes));
    out.push({ text: decoder.decode(bytes.subarray(at, end), { stream: true }), offsetMs: chunk.offsetMs });
    at = end;
    last = chunk.offsetMs;
  }
  const tail = decoder.decode(bytes.subarray(at));
  if (tail.length > 0) out.push({ text: tail, offsetMs: last });
  return out;
}
