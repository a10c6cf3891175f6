/**
 * Content types: the bare media type, and the one rule for whether a body's bytes are text.
 *
 * The recorder (store text or base64), the readers (decode bytes as UTF-8, and whether invalid UTF-8
 * is a fault) and the Azure test-proxy reader (was a string body stored as text) all ask the same
 * question, so they share this rule. It replaces three that disagreed:
 * - record/body.ts: anchored regex on the bare type (`text/*`, `application/json|x-ndjson|jsonl|xml|
 *   javascript|x-www-form-urlencoded`, `application/*+json|+xml`), empty type = text, `multipart/`
 *   checked case-sensitively on the raw header; every other type (yaml, sdp, unknown) was base64.
 * - read/body.ts: substrings of the whole lower-cased header, parameters included (`json`, `xml`,
 *   `event-stream`, `javascript`, `yaml`, `csv` anywhere = text; `octet-stream`, `zip`, `pdf`,
 *   `protobuf`, `audio|image|video|font/` = binary), so `text/plain; name=a.zip` was binary;
 *   multipart and the empty type neither.
 * - read/azure-proxy.ts: substrings of the whole header (`json`, `xml`, `event-stream`, form,
 *   `multipart`), so `image/svg+xml` was text; yaml, javascript and the empty type were not.
 * The rule here looks only at the bare media type (parameters never count), binary top-level types
 * win over a `+xml`/`+json` suffix (as the recorder and reader already did for `image/svg+xml`), and
 * multipart and missing or unrecognised types are neither text nor binary: their bytes are text
 * when they are valid UTF-8.
 */

/** How a body's bytes are meant: see {@link contentKind}. */
export type ContentKind = 'text' | 'binary' | 'multipart' | 'unknown';

/** The media type without parameters, lower-cased; null for a missing or empty header. */
export function mediaType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** Top-level types and subtype words whose bodies are bytes, never text. */
const BINARY = /^(audio|image|video|font|model)\/|octet-stream|zip|pdf|protobuf/;
/** `application/` subtypes that are text (JSON lines and sequences, XML, YAML, scripts, forms, CSV). */
const TEXT_SUBTYPES = new Set([
  'json', 'x-ndjson', 'ndjson', 'jsonl', 'x-jsonlines', 'json-seq',
  'xml', 'yaml', 'x-yaml', 'javascript', 'x-javascript', 'ecmascript',
  'x-www-form-urlencoded', 'csv',
]);
/** Structured-syntax suffixes (RFC 6839) of text formats, e.g. `application/problem+json`. */
const TEXT_SUFFIX = /\+(json|xml|yaml)$/;

/**
 * Classifies a content type (a header value; parameters are ignored):
 * - `text`: text by declaration (`text/*` incl. event streams, JSON and its `+json` kin, NDJSON,
 *   XML, YAML, JavaScript, form data, CSV); bytes that are not UTF-8 are a fault.
 * - `binary`: audio, images, video, fonts, octet-stream, zip/gzip, PDF, protobuf; kept as bytes.
 * - `multipart`: text framing whose parts may be bytes; text only when the whole is valid UTF-8.
 * - `unknown`: no type, or one not listed; text when valid UTF-8.
 */
export function contentKind(contentType: string | null | undefined): ContentKind {
  const type = mediaType(contentType);
  if (type === null) return 'unknown';
  if (BINARY.test(type)) return 'binary';
  if (type.startsWith('text/')) return 'text';
  if (type.startsWith('multipart/')) return 'multipart';
  if (type.startsWith('application/') && TEXT_SUBTYPES.has(type.slice('application/'.length))) return 'text';
  return TEXT_SUFFIX.test(type) ? 'text' : 'unknown';
}
