/** How a body is stored in a cassette: readable text, or base64 for bytes. */
export interface StoredBody {
  text: string;
  encoding?: 'base64';
}

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]*\+json|x-ndjson|jsonl|x-www-form-urlencoded|xml|[\w.+-]*\+xml|javascript))|^$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the content type is one we keep as text (JSON, SSE, text, XML, forms). */
function isTextualType(contentType: string | undefined): boolean {
  return TEXTUAL.test((contentType ?? '').split(';')[0]?.trim() ?? '');
}

/** Decodes UTF-8 strictly; null when the bytes are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Stores text-like bodies as text and everything else (audio, images, invalid UTF-8) as base64,
 * so the cassette stays readable and binary bodies round-trip byte for byte.
 */
export function storeBody(bytes: Uint8Array, contentType: string | undefined): StoredBody {
  if (isTextualType(contentType) || contentType?.startsWith('multipart/')) {
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
