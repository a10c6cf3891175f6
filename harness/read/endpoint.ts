import { isRecord } from './types.ts';

/** A `"METHOD /path"` endpoint for a body-only fixture. */
export interface Endpoint {
  method: string;
  path: string;
}

/** Parses `"POST /v1/chat/completions"` (or a bare path, taken as POST); null when malformed. */
export function parseEndpoint(text: string): Endpoint | null {
  const match = /^\s*(?:([A-Za-z]+)\s+)?(\S+)\s*$/.exec(text);
  if (!match || !match[2]) return null;
  const path = match[2];
  if (!path.startsWith('/') && !/^https?:\/\//.test(path)) return null;
  return { method: (match[1] ?? 'POST').toUpperCase(), path };
}

/** `object` of a created resource -> its create endpoint. */
const CREATED: Record<string, string> = {
  'chat.completion': 'POST /v1/chat/completions',
  'chat.completion.chunk': 'POST /v1/chat/completions',
  text_completion: 'POST /v1/completions',
  response: 'POST /v1/responses',
  assistant: 'POST /v1/assistants',
  thread: 'POST /v1/threads',
  file: 'POST /v1/files',
  batch: 'POST /v1/batches',
  vector_store: 'POST /v1/vector_stores',
  'fine_tuning.job': 'POST /v1/fine_tuning/jobs',
  skill: 'POST /v1/skills',
  upload: 'POST /v1/uploads',
  'realtime.session': 'POST /v1/realtime/sessions',
  conversation: 'POST /v1/conversations',
};

/** `object` of a list's items -> the list endpoint. */
const LISTED: Record<string, string> = {
  embedding: 'POST /v1/embeddings',
  model: 'GET /v1/models',
  file: 'GET /v1/files',
  assistant: 'GET /v1/assistants',
  batch: 'GET /v1/batches',
  vector_store: 'GET /v1/vector_stores',
  'fine_tuning.job': 'GET /v1/fine_tuning/jobs',
  response: 'GET /v1/responses',
};

/**
 * Infers the endpoint of a body-only fixture from the body (or its first stream event): the
 * `object` (chat.completion[.chunk], text_completion, response, list of embedding/model, ...), a
 * `type` of `response.*` (Responses stream events) or `thread.*`, and the shapes of image and
 * transcription results. Null when the body does not say (error bodies, for instance).
 */
export function inferEndpoint(sample: unknown): string | null {
  if (!isRecord(sample)) return null;
  const object = sample['object'];
  const type = sample['type'];
  if (typeof object === 'string') {
    if (object === 'list' && Array.isArray(sample['data'])) {
      const first = sample['data'][0];
      const item = isRecord(first) ? first['object'] : undefined;
      return typeof item === 'string' ? (LISTED[item] ?? null) : null;
    }
    if (object === 'model' && typeof sample['id'] === 'string') return `GET /v1/models/${sample['id']}`;
    const created = CREATED[object];
    if (created) return created;
    if (object.startsWith('thread.run')) return 'POST /v1/threads/runs';
  }
  if (typeof type === 'string' && type.startsWith('response.')) return 'POST /v1/responses';
  if (Array.isArray(sample['data']) && typeof sample['created'] === 'number') {
    const first = sample['data'][0];
    if (isRecord(first) && ('b64_json' in first || 'url' in first)) return 'POST /v1/images/generations';
  }
  if (typeof sample['text'] === 'string' && ('task' in sample || 'duration' in sample || 'usage' in sample)) {
    return 'POST /v1/audio/transcriptions';
  }
  return null;
}
