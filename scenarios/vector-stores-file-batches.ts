import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, poll } from './support/catalogue.ts';

export default defineScenario({
  id: 'vector-stores-file-batches',
  group: 'vector-stores',
  description: 'Vector store file batches: upload two files, add them as a batch, poll it, list its files.',
  endpoint: ['POST /v1/files', 'POST /v1/vector_stores', 'POST /v1/vector_stores/{vector_store_id}/file_batches', 'GET /v1/vector_stores/{vector_store_id}/file_batches/{batch_id}', 'GET /v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/files'],
  targets: PRISM_TARGETS,
  async run(ctx) {
    const { client } = ctx;
    const ids: string[] = [];
    for (const [name, text] of [['north.txt', 'The north pier light is green.'], ['south.txt', 'The south pier light is red.']] as const) {
      ids.push((await client.files.create({ file: new File([text + '\n'], name, { type: 'text/plain' }), purpose: 'assistants' })).id);
    }
    const store = await client.vectorStores.create({ name: 'fieldwork-batches' });
    const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: ids });
    const { value } = await poll(ctx, () => client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id }), (b) => b.status !== 'in_progress');
    const files = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
    await client.vectorStores.delete(store.id);
    return { status: value.status, counts: value.file_counts, files: files.data.length };
  },
});
