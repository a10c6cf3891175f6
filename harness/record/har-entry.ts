import type { HarEntry } from '@pollyjs/persister';
import type { WireExtras } from './adapter.ts';
import { mediaType } from '../core/media-type.ts';
import { storeBody } from './body.ts';
import type { ChunkTiming } from './http-send.ts';
import { redactJsonText, redactPairs, redactUrl, type RedactionRules } from './redact.ts';

/** The fieldwork extras on a HAR entry (all `_`-prefixed, so HAR tools ignore them). */
export interface FieldworkEntryExtras {
  /** text/event-stream only: arrival offset (ms since request start) and byte length of each chunk. */
  _chunks?: ChunkTiming[];
  /** The content-encoding that was decoded before storing (`gzip`, `br`, `deflate`). */
  _decoded?: string;
}

type MutableEntry = HarEntry &
  FieldworkEntryExtras & {
    request: HarEntry['request'] & { postData?: { mimeType: string; text?: string; _encoding?: string } };
  };

const isEventStream = (mime: string): boolean => mediaType(mime) === 'text/event-stream';
/** Any JSON-ish type (`application/json`, `+json`, JSON lines): redactJsonText leaves what does not parse. */
const isJson = (mime: string): boolean => mediaType(mime)?.includes('json') === true;

/**
 * Completes a HAR entry before Polly persists it: stream chunk timing, decoded-body note, binary
 * request bodies as base64, true body size, and redaction of every secret we know about. Runs in
 * Polly's `beforePersist`, i.e. before anything reaches disk.
 */
export function finishEntry(entry: MutableEntry, requestBody: unknown, wire: WireExtras | undefined, rules: RedactionRules): void {
  const { request, response } = entry;
  if (wire) {
    if (isEventStream(response.content.mimeType)) entry._chunks = wire.chunks;
    if (wire.decoded) entry._decoded = wire.decoded;
    response.content.size = wire.bytes;
    response.bodySize = wire.bytes;
  }
  if (Buffer.isBuffer(requestBody) && request.postData) {
    const stored = storeBody(requestBody, request.postData.mimeType);
    request.postData.text = stored.text;
    if (stored.encoding) request.postData._encoding = stored.encoding;
  }
  request.headers = redactPairs(request.headers, rules.headers);
  response.headers = redactPairs(response.headers, rules.headers);
  request.url = redactUrl(request.url, rules.queryParams);
  request.queryString = redactPairs(request.queryString, rules.queryParams);
  // Parsed cookies repeat the cookie/set-cookie headers, which are always redacted.
  request.cookies = [];
  response.cookies = [];
  if (request.postData?.text && !request.postData._encoding && isJson(request.postData.mimeType)) {
    request.postData.text = redactJsonText(request.postData.text, rules.bodyPaths);
  }
  if (response.content.text && response.content.encoding !== 'base64' && isJson(response.content.mimeType)) {
    response.content.text = redactJsonText(response.content.text, rules.bodyPaths);
  }
}
