import type { ChunkTiming } from './http-send.ts';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export interface ResponseParts {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** When given, the body is delivered chunk by chunk at these offsets (`--pace recorded`). */
  chunks?: readonly ChunkTiming[] | undefined;
  startedAt: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A body stream that releases each recorded chunk at its recorded offset since request start. */
function pacedStream(body: Buffer, chunks: readonly ChunkTiming[], startedAt: number): ReadableStream<Uint8Array> {
  let index = 0;
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks[index++];
      if (!chunk || position >= body.length) {
        // Whatever the chunk list does not cover (e.g. a redacted, longer body) goes out last.
        if (position < body.length) controller.enqueue(new Uint8Array(body.subarray(position)));
        controller.close();
        return;
      }
      const wait = chunk.offsetMs - (performance.now() - startedAt);
      if (wait > 0) await sleep(wait);
      const end = index >= chunks.length ? body.length : Math.min(body.length, position + chunk.bytes);
      controller.enqueue(new Uint8Array(body.subarray(position, end)));
      position = end;
    },
  });
}

/** The WHATWG Response the SDK sees, from a recorded or freshly fetched response. */
export function buildResponse(parts: ResponseParts): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(parts.headers)) {
    for (const v of [value].flat()) headers.append(name, v);
  }
  const status = parts.status >= 200 && parts.status <= 599 ? parts.status : 500;
  if (NULL_BODY.has(status)) return new Response(null, { status, headers });
  const body =
    parts.chunks && parts.chunks.length > 0
      ? pacedStream(parts.body, parts.chunks, parts.startedAt)
      : new Uint8Array(parts.body);
  return new Response(body, { status, headers });
}
