import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, bool, poll } from './support/catalogue.ts';

export default defineScenario({
  id: 'vector-stores-search',
  group: 'vector-stores',
  description: 'Vector store search, with and without rewrite_query.',
  endpoint: ['POST /v1/files', 'POST /v1/vector_stores', 'GET /v1/vector_stores/{vector_store_id}', 'POST /v1/vector_stores/{vector_store_id}/search'],
  targets: PRISM_TARGETS,
  matrix: { rewrite_query: [false, true] },
  async run(ctx) {
    const { client, params } = ctx;
    const file = await client.files.create({ file: new File(['Cordouan lighthouse stands at the mouth of the Gironde estuary.\n'], 'cordouan.txt', { type: 'text/plain' }), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'fieldwork-search', file_ids: [file.id] });
    await poll(ctx, () => client.vectorStores.retrieve(store.id), (s) => s.file_counts.in_progress === 0);
    const page = await client.vectorStores.search(store.id, { query: 'Which lighthouse guards the Gironde?', max_num_results: 3, rewrite_query: bool(params, 'rewrite_query') });
    await client.vectorStores.delete(store.id);
    return { results: page.data.length, top: page.data[0]?.filename ?? null };
  },
});
