import type { RawBody, ChunkTiming } from './body.ts';
import { pushExchange } from './build.ts';
import { addError, isRecord, type ReadContext } from './types.ts';

/**
 * HAR 1.2: our Polly cassettes (`log._fieldwork` labels the provider, `entry._chunks` holds stream
 * timing) and generic exports from browsers' DevTools and proxies (base64 `encoding`, bodies that
 * are still gzip). `doc` is the already-parsed JSON file.
 */
export function readHar(ctx: ReadContext, doc: unknown): void {
  const log = isRecord(doc) ? doc['log'] : undefined;
  const entries = isRecord(log) ? log['entries'] : undefined;
  if (!isRecord(log) || !Array.isArray(entries)) {
    addError(ctx, null, 'not a HAR file: log.entries is missing');
    return;
  }
  const meta = isRecord(log['_fieldwork']) ? log['_fieldwork'] : undefined;
  const label = typeof meta?.['provider'] === 'string' ? meta['provider'] : undefined;
  entries.forEach((entry: unknown, index) => {
    const request = isRecord(entry) ? entry['request'] : undefined;
    const response = isRecord(entry) ? entry['response'] : undefined;
    if (!isRecord(entry) || !isRecord(request) || !isRecord(response)) {
      addError(ctx, index, 'HAR entry has no request/response');
      return;
    }
    if (typeof request['url'] !== 'string' || typeof response['status'] !== 'number') {
      addError(ctx, index, 'HAR entry lacks request.url or response.status');
      return;
    }
    // No default: guessing GET would file a POST's payloads under the wrong operation.
    const method = request['method'];
    if (typeof method !== 'string' || method.trim() === '') {
      addError(ctx, index, 'HAR entry lacks request.method');
      return;
    }
    const postData = isRecord(request['postData']) ? request['postData'] : undefined;
    const content = isRecord(response['content']) ? response['content'] : undefined;
    const chunks = chunksOf(entry['_chunks']);
    const raw = {
      method,
      url: request['url'],
      requestHeaders: request['headers'],
      requestBody: harBody(postData),
      status: response['status'],
      responseHeaders: response['headers'],
      responseBody: harBody(content),
      recordedAt: entry['startedDateTime'],
      ...(label ? { providerLabel: label } : {}),
      ...(meta ? { meta } : {}),
      // HAR content is stored decoded (HAR 1.2); a content-encoding header left on it is history.
      decodedContent: true,
      ...(chunks ? { chunks } : {}),
      ...(typeof entry['time'] === 'number' && chunks ? { totalMs: entry['time'] } : {}),
    };
    pushExchange(ctx, index, raw);
  });
}

function harBody(content: Record<string, unknown> | undefined): RawBody {
  if (!content) return null;
  const text = content['text'];
  if (typeof text !== 'string') {
    const params = content['params'];
    if (Array.isArray(params) && params.length > 0) {
      const form = new URLSearchParams();
      for (const p of params) if (isRecord(p)) form.append(String(p['name']), String(p['value'] ?? ''));
      return { kind: 'text', text: form.toString() };
    }
    return null;
  }
  // `_encoding` is how our recorder marks a base64 request body (postData has no `encoding`).
  if (content['encoding'] === 'base64' || content['_encoding'] === 'base64') return { kind: 'bytes', bytes: Buffer.from(text, 'base64') };
  return { kind: 'text', text };
}

function chunksOf(value: unknown): ChunkTiming[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ChunkTiming[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item['offsetMs'] === 'number' && typeof item['bytes'] === 'number') {
      out.push({ offsetMs: item['offsetMs'], bytes: item['bytes'] });
    }
  }
  return out.length > 0 ? out : undefined;
}
