import { createParser } from 'eventsource-parser';
import type { StreamEvent } from './exchange.ts';

/** A piece of a stream body as it arrived, with its offset when timing was recorded. */
export interface SseChunk {
  text: string;
  offsetMs?: number;
}

/** Parsed stream plus what was wrong with its framing (data, not exceptions). */
export interface SseParseResult {
  events: StreamEvent[];
  /** True when the body did not end with a blank line (the last event was still dispatched). */
  unterminated: boolean;
  /** True when a `data: [DONE]` terminator was seen. */
  done: boolean;
}

/** The OpenAI stream terminator payload. */
export const DONE = '[DONE]';

function decodeData(data: string): { data: unknown; json: boolean } {
  if (data === DONE) return { data, json: false };
  const first = data.trimStart()[0];
  // Only try JSON when it can be JSON; raw text payloads (rare) stay as text.
  if (first === '{' || first === '[' || first === '"') {
    try {
      return { data: JSON.parse(data), json: true };
    } catch {
      return { data, json: false };
    }
  }
  return { data, json: false };
}

/**
 * Parses a `text/event-stream` body per the WHATWG rules (multi-line `data`, comments, `id`,
 * `retry`, CR / LF / CRLF line ends) with eventsource-parser. Unlike a browser, a final event that
 * lacks its blank line is kept (cassettes often drop it) and flagged as `unterminated`.
 */
export function parseSse(body: string | readonly SseChunk[]): SseParseResult {
  const chunks: readonly SseChunk[] = typeof body === 'string' ? [{ text: body }] : body;
  const events: StreamEvent[] = [];
  let offset: number | undefined;
  let done = false;
  const parser = createParser({
    onEvent(message) {
      const decoded = decodeData(message.data);
      if (message.data === DONE) done = true;
      const event: StreamEvent = { index: events.length, data: decoded.data, json: decoded.json };
      if (message.event) event.event = message.event;
      if (message.id) event.id = message.id;
      if (offset !== undefined) event.offsetMs = offset;
      events.push(event);
    },
  });
  // Whether the stream ends with a blank line is a property of the whole text, not of the last
  // chunk: a recorder may deliver the final newline in a chunk of its own.
  let tail = '';
  let content = false;
  for (const chunk of chunks) {
    offset = chunk.offsetMs;
    parser.feed(chunk.text);
    tail = (tail + chunk.text).slice(-8);
    content ||= /\S/.test(chunk.text);
  }
  const unterminated = content && !/(\r\n|\r|\n)(\r\n|\r|\n)[ \t]*$/.test(tail);
  // A trailing lone CR is held back by the parser (it could be half of CRLF); one more LF settles
  // it without creating an event. An unterminated last event gets its missing blank line.
  parser.feed(unterminated ? '\n\n' : '\n');
  return { events, unterminated, done };
}

/** Heuristic for bodies stored without a content type: does this text look like SSE framing? */
export function looksLikeSse(text: string): boolean {
  return /^(data|event|id|retry):/m.test(text.slice(0, 2048)) || text.startsWith(':');
}
