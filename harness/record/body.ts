import { contentKind } from '../core/media-type.ts';

/** How a body is stored in a cassette: readable text, or base64 for bytes. */
export interface StoredBody {
  text: string;
  encoding?: 'base64';
}

// ignoreBOM keeps a leading byte-order mark in the text, so such a body still round-trips exactly.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly; null when the bytes are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Stores bodies that are valid UTF-8 as text unless their type is binary (audio, images, ...), and
 * everything else as base64, so the cassette stays readable and every body round-trips byte for
 * byte. Types neither text nor binary (multipart, none, unknown) are text when they decode.
 */
export function storeBody(bytes: Uint8Array, contentType: string | undefined): StoredBody {
  if (contentKind(contentType) !== 'binary') {
    const text = strictUtf8(bytes);
    if (text !== null) return { text };
  }
  return { text: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
}

/** The bytes a stored body stands for. */
export function loadBody(text: string | undefined, encoding: string | undefined): Buffer {
  if (text === undefined) return Buffer.alloc(0);
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}
