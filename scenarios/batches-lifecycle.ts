import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, jsonl, modelsOf, str } from './support/catalogue.ts';

type Endpoint = '/v1/chat/completions' | '/v1/embeddings' | '/v1/responses';

function line(endpoint: Endpoint, model: string, i: number): object {
  const body =
    endpoint === '/v1/embeddings'
      ? { model: 'text-embedding-3-small', input: `fieldwork batch line ${i}` }
      : endpoint === '/v1/responses'
        ? { model, input: `Reply with the number ${i}.` }
        : { model, messages: [{ role: 'user', content: `Reply with the number ${i}.` }] };
  return { custom_id: `fieldwork-${i}`, method: 'POST', url: endpoint, body };
}

export default defineScenario({
  id: 'batches-lifecycle',
  group: 'batches',
  description: 'Batches: upload a JSONL, create a batch, retrieve, list, cancel; per batch endpoint.',
  endpoint: ['POST /v1/files', 'POST /v1/batches', 'GET /v1/batches/{batch_id}', 'GET /v1/batches', 'POST /v1/batches/{batch_id}/cancel'],
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), endpoint: ['/v1/chat/completions', '/v1/embeddings', '/v1/responses'] }),
  async run({ client, params }) {
    const endpoint = str(params, 'endpoint') as Endpoint;
    const file = await client.files.create({ file: jsonl('fieldwork-batch.jsonl', [1, 2].map((i) => line(endpoint, str(params, 'model'), i))), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint, completion_window: '24h', metadata: { source: 'fieldwork' } });
    const retrieved = await client.batches.retrieve(batch.id);
    const list = await client.batches.list({ limit: 5 });
    const cancelled = await client.batches.cancel(batch.id);
    return { statuses: [batch.status, retrieved.status, cancelled.status], listed: list.data.length > 0 };
  },
});
