import type { FieldworkAdapter, PendingCall } from './adapter.ts';
import { strictUtf8 } from './body.ts';
import { isHttp } from './global-fetch.ts';

/** Node's own fetch, captured before anything swaps the global. */
const nativeFetch = globalThis.fetch;

/**
 * A WHATWG fetch whose requests go through one session's Polly adapter. The body is serialized
 * by undici's own `Request` (so FormData becomes proper multipart with its boundary header, the
 * thing node-fetch gets wrong), then recorded, replayed or passed through over node:http(s). The
 * response is a real `Response`, streamed when `--pace recorded` replays chunk timing.
 */
export function createRecordedFetch(adapter: FieldworkAdapter): typeof globalThis.fetch {
  return async function recordedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const startedAt = performance.now();
    // `data:` and `blob:` URLs never touch the network; nothing to record.
    if (!isHttp(input)) return nativeFetch(input, init);
    const request = new Request(input, init);
    const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    if (bytes !== undefined) headers['content-length'] = String(bytes.length);
    // Valid UTF-8 (JSON, most multipart) goes to Polly as text, anything else as the Buffer.
    const text = bytes === undefined ? null : strictUtf8(bytes);
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const call: PendingCall = { resolve, reject, signal, startedAt };
      adapter
        .handleRequest({
          url: request.url,
          method: request.method,
          headers,
          body: (text ?? bytes) as string,
          requestArguments: call,
        } as never)
        .catch(reject);
    });
  };
}
