import { DONE, type SseChunk } from '../core/sse.ts';

/** A data payload that is complete on its own: the stream terminator or a whole JSON value. */
function isComplete(data: string): boolean {
  if (data === DONE) return true;
  const first = data.trimStart()[0];
  if (first === undefined || !/[[{"\d-]|t|f|n/.test(first)) return false;
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

/** A field that starts (or continues) an event. */
const FIELD = /^(data|event|id)$/;
/** A field name in the middle of a line: what YAML folding makes of a lost line break. */
const INLINE_FIELD = /\s+(?=(?:data|event|id):)/g;
/**
 * Shapes that can hide a gap, as the full scan sees them: a data line followed by a field line
 * (comment and `retry:` lines may stand between), or a field inside a line after spaces or tabs
 * (YAML folding). A cheap test so clean streams skip the scan; it must never be narrower than the
 * scan, or the same gap would be repaired in one stream and not in another.
 */
export const SUSPECT =
  /^data:[^\r\n]*(?:\r\n|\r|\n)(?:(?::|retry:)[^\r\n]*(?:\r\n|\r|\n))*(?:data|event|id):|^(?:data|event):[^\r\n]*[ \t](?:data|event|id):/m;

/** A field name after a space or tab, anywhere (see `suspect`). */
const INLINE_ANYWHERE = /[ \t](?:data|event|id):/g;

/**
 * `SUSPECT.test(text)`, line by line instead of by backtracking: the regex re-scans every long
 * data line several times, and streams are most of a corpus's bytes. Texts with other line breaks
 * than `\n` (rare) go to the regex itself.
 */
export function suspect(text: string): boolean {
  if (text.indexOf('\r') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) return SUSPECT.test(text);
  let afterData = false; // a data line came before, with only comment or retry lines since
  let inline = -1; // next offset of INLINE_ANYWHERE at or after `start` (or -1 for none left)
  let inlineFrom = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const data = text.startsWith('data:', start);
    const event = !data && text.startsWith('event:', start);
    if (afterData && (data || event || text.startsWith('id:', start))) return true;
    if (data || event) {
      const from = start + (data ? 5 : 6);
      if (inline !== -2 && (inline < from || inlineFrom > from)) {
        INLINE_ANYWHERE.lastIndex = from;
        const m = INLINE_ANYWHERE.exec(text);
        inline = m ? m.index : -2;
        inlineFrom = from;
      }
      if (inline >= from && inline < end) return true;
    }
    if (data) afterData = true;
    else if (start === end || (text[start] !== ':' && !text.startsWith('retry:', start))) afterData = false;
    start = end + 1;
  }
  return false;
}

/** A line break to add at `at` (an offset into the stream text): `\n\n` ends an event, `\n` a field. */
export interface SseGap {
  /** Where the next field starts. */
  at: number;
  /** Whitespace just before `at` that the line break replaces (fields joined by YAML folding). */
  remove: number;
  insert: '\n' | '\n\n';
  /** False for a line break inside one event (`event: x data: {...}` folded onto one line). */
  newEvent: boolean;
}

/**
 * Where a stream lost the blank line between two events (hand-edited fixtures, some proxies, and
 * YAML folding, which even joins the lines): per the SSE rules such events merge into one whose
 * data is no longer JSON, losing all of them. A new event is taken to start at a field that follows
 * a data payload already complete on its own (JSON or `[DONE]`); multi-line data that only forms
 * JSON together (pretty-printed payloads) is left alone, and so is anything that is not JSON.
 */
export function missingEventSeparators(text: string): SseGap[] {
  if (!suspect(text)) return [];
  const gaps: SseGap[] = [];
  let data: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (start === end) data = [];
    else if (text[start] !== ':') data = scanLine(text.slice(start, end), start, data, gaps);
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return gaps;
}

/** One line, possibly holding several fields; returns the data lines of the event still open. */
function scanLine(line: string, lineAt: number, open: string[], gaps: SseGap[]): string[] {
  let data = open;
  let rest = line;
  let at = lineAt;
  for (;;) {
    const colon = rest.indexOf(':');
    const field = colon < 0 ? rest : rest.slice(0, colon);
    const valueAt = colon < 0 ? rest.length : colon + (rest[colon + 1] === ' ' ? 2 : 1);
    let value = rest.slice(valueAt);
    if (FIELD.test(field) && data.length > 0 && isComplete(data.join('\n'))) {
      // At a line start the previous line's break plus one more makes the blank line.
      gaps.push({ at, remove: 0, insert: at === lineAt ? '\n' : '\n\n', newEvent: true });
      data = [];
    }
    let next = -1;
    if (field === 'data' || field === 'event') {
      for (const m of value.matchAll(INLINE_FIELD)) {
        const head = value.slice(0, m.index);
        const ends = field === 'event' ? head.length > 0 && !/\s/.test(head) : isComplete([...data, head].join('\n'));
        if (ends) {
          next = m.index + m[0].length;
          value = head;
          break;
        }
      }
    }
    if (field === 'data') data = [...data, value];
    if (next < 0) return data;
    const remove = next - value.length;
    at += valueAt + next;
    rest = rest.slice(valueAt + next);
    // After an event name the data is the same event's next line; after a payload, a new event.
    if (field === 'event') gaps.push({ at, remove, insert: '\n', newEvent: false });
    else {
      gaps.push({ at, remove, insert: '\n\n', newEvent: true });
      data = [];
    }
  }
}

/** The stream with the line breaks put in at each gap (offsets into the concatenated chunk text). */
export function insertSeparators(input: string | readonly SseChunk[], gaps: readonly SseGap[]): string | SseChunk[] {
  if (typeof input === 'string') return insertInto(input, 0, gaps);
  let offset = 0;
  return input.map((chunk) => {
    const text = insertInto(chunk.text, offset, gaps);
    offset += chunk.text.length;
    return { ...chunk, text };
  });
}

function insertInto(text: string, offset: number, gaps: readonly SseGap[]): string {
  let out = '';
  let from = 0;
  for (const gap of gaps) {
    const at = gap.at - offset;
    const cut = Math.max(0, at - gap.remove);
    if (at < 0 || cut >= text.length) continue;
    out += text.slice(from, cut);
    // The removed whitespace may end in this chunk while the field starts in the next one.
    if (at < text.length) {
      out += gap.insert;
      from = at;
    } else {
      from = text.length;
    }
  }
  return out + text.slice(from);
}
