import type { RawBody } from './body.ts';
import { pushExchange, statusOf } from './build.ts';
import { addError, isRecord, type ReadContext } from './types.ts';

/**
 * dd-trace-py LLM Observability proxy recordings: one `{request{method,url,headers,body},
 * response{status,headers,body}}` per file, each `body` a string (JSON or SSE text).
 */
export function readDdTrace(ctx: ReadContext, doc: unknown): void {
  const request = isRecord(doc) ? doc['request'] : undefined;
  const response = isRecord(doc) ? doc['response'] : undefined;
  if (!isRecord(request) || !isRecord(response)) {
    addError(ctx, null, 'not a dd-trace recording: request/response missing');
    return;
  }
  const status = statusOf(response['status']);
  const url = request['url'] ?? request['uri'];
  if (status === null || typeof url !== 'string') {
    addError(ctx, 0, 'recording lacks request.url or response.status');
    return;
  }
  pushExchange(ctx, 0, {
    method: typeof request['method'] === 'string' ? request['method'] : 'GET',
    url,
    requestHeaders: request['headers'],
    requestBody: textOrJson(request['body']),
    status,
    responseHeaders: response['headers'],
    responseBody: textOrJson(response['body']),
  });
}

function textOrJson(value: unknown): RawBody {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { kind: 'text', text: value };
  return { kind: 'json', value };
}
