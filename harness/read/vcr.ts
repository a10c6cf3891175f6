import type { RawBody } from './body.ts';
import { pushExchange, statusOf } from './build.ts';
import { addError, isRecord, type ReadContext } from './types.ts';

/**
 * VCR cassettes, parsed from YAML (or JSON): VCR.py `interactions[]` in every dialect of the corpus
 * (plain / folded / `!!binary` gzip bodies, legacy httpx `content` + `status_code`, pydantic-ai
 * `parsed_body`, istr-tagged header keys) and Ruby VCR / R vcr `http_interactions[]`
 * (`body{encoding,string|base64_string}`, `status{code}` or an integer, `recorded_at`).
 */
export function readVcr(ctx: ReadContext, doc: unknown): void {
  const list = isRecord(doc) ? (doc['interactions'] ?? doc['http_interactions']) : undefined;
  if (!Array.isArray(list)) {
    addError(ctx, null, 'not a VCR cassette: no interactions / http_interactions list');
    return;
  }
  list.forEach((item: unknown, index) => {
    const request = isRecord(item) ? item['request'] : undefined;
    const response = isRecord(item) ? item['response'] : undefined;
    if (!isRecord(item) || !isRecord(request) || !isRecord(response)) {
      addError(ctx, index, 'interaction has no request/response mapping');
      return;
    }
    const status = statusOf(response['status'] ?? response['status_code']);
    const uri = request['uri'] ?? request['url'];
    if (status === null || typeof uri !== 'string') {
      addError(ctx, index, 'interaction lacks request.uri or a numeric response status');
      return;
    }
    // R vcr can keep a body in a separate file (`file: yes`, `string` = its path): not read here.
    const external = isRecord(response['body']) && isFlagSet(response['body']['file']);
    if (external) addError(ctx, index, 'response body is stored in a separate file (R vcr `file: yes`); not read');
    pushExchange(ctx, index, {
      method: typeof request['method'] === 'string' ? request['method'] : 'GET',
      url: uri,
      requestHeaders: request['headers'],
      requestBody: vcrBody(request),
      status,
      responseHeaders: response['headers'],
      responseBody: external ? null : vcrBody(response),
      recordedAt: item['recorded_at'],
    });
  });
}

function isFlagSet(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(yes|true)$/i.test(value));
}

/** The body of a VCR request/response in any dialect, undecoded. */
function vcrBody(part: Record<string, unknown>): RawBody {
  if ('parsed_body' in part) return { kind: 'json', value: part['parsed_body'] };
  return bodyValue(part['body'] ?? part['content']);
}

function bodyValue(value: unknown): RawBody {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (value instanceof Uint8Array) return { kind: 'bytes', bytes: value };
  if (isRecord(value)) {
    if ('parsed_body' in value) return { kind: 'json', value: value['parsed_body'] };
    const base64 = value['base64_string'];
    if (typeof base64 === 'string') return { kind: 'bytes', bytes: Buffer.from(base64.replace(/\s+/g, ''), 'base64') };
    return bodyValue(value['string']);
  }
  // A body stored as a bare YAML mapping/list/number is data already.
  return { kind: 'json', value };
}
