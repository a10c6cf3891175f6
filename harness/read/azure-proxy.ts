import { contentKind } from '../core/media-type.ts';
import type { RawBody } from './body.ts';
import { pushExchange, statusOf } from './build.ts';
import { addError, isRecord, type ReadContext } from './types.ts';

/**
 * Azure SDK test-proxy session records (openai-dotnet): `{Entries:[{RequestUri, RequestMethod,
 * RequestHeaders, RequestBody, StatusCode, ResponseHeaders, ResponseBody}]}`. Bodies are inline
 * JSON, a list of text lines (SSE, multipart), a string (text, or base64 for binary types), or null.
 */
export function readAzureProxy(ctx: ReadContext, doc: unknown): void {
  const entries = isRecord(doc) ? doc['Entries'] : undefined;
  if (!Array.isArray(entries)) {
    addError(ctx, null, 'not a test-proxy session record: Entries is missing');
    return;
  }
  entries.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) {
      addError(ctx, index, 'entry is not an object');
      return;
    }
    const status = statusOf(entry['StatusCode']);
    const uri = entry['RequestUri'];
    if (status === null || typeof uri !== 'string') {
      addError(ctx, index, 'entry lacks RequestUri or StatusCode');
      return;
    }
    pushExchange(ctx, index, {
      method: typeof entry['RequestMethod'] === 'string' ? entry['RequestMethod'] : 'GET',
      url: uri,
      requestHeaders: entry['RequestHeaders'],
      requestBody: proxyBody(entry['RequestBody'], entry['RequestHeaders']),
      status,
      responseHeaders: entry['ResponseHeaders'],
      responseBody: proxyBody(entry['ResponseBody'], entry['ResponseHeaders']),
    });
  });
}

function contentTypeOf(headers: unknown): string {
  if (!isRecord(headers)) return '';
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') return String(Array.isArray(value) ? value[0] : value);
  }
  return '';
}

function proxyBody(value: unknown, headers: unknown): RawBody {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) {
    return { kind: 'text', text: value.join('') };
  }
  if (typeof value === 'string') {
    const kind = contentKind(contentTypeOf(headers));
    if (value.length === 0 || kind === 'text' || kind === 'multipart') return { kind: 'text', text: value };
    // The proxy stores non-text content types base64-encoded; a string that cannot be base64 is text.
    if (/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(value)) return { kind: 'bytes', bytes: Buffer.from(value, 'base64') };
    return { kind: 'text', text: value };
  }
  return { kind: 'json', value };
}
