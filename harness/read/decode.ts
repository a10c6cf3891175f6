import { isUtf8 } from 'node:buffer';

/** A cassette's text, and what went wrong decoding it (if anything). */
export interface DecodedText {
  text: string;
  /** Set when some bytes were not valid in the file's encoding (they were read as U+FFFD). */
  problem?: string;
  /** Byte offset of the first invalid byte (UTF-8 only). */
  badOffset?: number;
}

const REPLACEMENT = '\ufffd';
const utf8 = new TextDecoder('utf-8');

/**
 * UTF-8, or UTF-16 when a byte-order mark says so (HAR files saved by some Windows tools). Decoding
 * is lenient: one bad byte must not lose a whole cassette, so it becomes U+FFFD and the problem is
 * reported once for the file. Binary bodies are base64 text in every format, so they are untouched.
 */
export function decodeText(data: Uint8Array): DecodedText {
  if (data[0] === 0xff && data[1] === 0xfe) return decodeUtf16(data, 'utf-16le');
  if (data[0] === 0xfe && data[1] === 0xff) return decodeUtf16(data, 'utf-16be');
  const text = utf8.decode(data);
  if (isUtf8(data)) return { text };
  const offset = firstBadByte(data, text);
  return { text, badOffset: offset, problem: `not valid UTF-8: first invalid byte at offset ${offset}; invalid bytes were read as U+FFFD` };
}

function decodeUtf16(data: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(data) };
  } catch {
    return { text: new TextDecoder(encoding).decode(data), problem: `not valid ${encoding.toUpperCase()}: invalid code units were read as U+FFFD` };
  }
}

/**
 * Byte offset of the first invalid UTF-8 sequence. Everything before the first U+FFFD that the
 * input did not itself contain decoded cleanly, so its UTF-8 length is that byte's offset.
 */
function firstBadByte(data: Uint8Array, text: string): number {
  let offset = 0;
  let from = 0;
  for (let at = text.indexOf(REPLACEMENT); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) {
    offset += Buffer.byteLength(text.slice(from, at));
    from = at;
    // A U+FFFD written in the file (EF BF BD) is genuine text, not a decoding failure.
    if (!(data[offset] === 0xef && data[offset + 1] === 0xbf && data[offset + 2] === 0xbd)) return offset;
  }
  return offset;
}
