import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, poll } from './support/catalogue.ts';

export default defineScenario({
  id: 'vector-stores-files',
  group: 'vector-stores',
  description: 'Vector store files: upload a file, attach it, poll its status, list, detach.',
  endpoint: ['POST /v1/files', 'POST /v1/vector_stores', 'POST /v1/vector_stores/{vector_store_id}/files', 'GET /v1/vector_stores/{vector_store_id}/files/{file_id}', 'GET /v1/vector_stores/{vector_store_id}/files', 'DELETE /v1/vector_stores/{vector_store_id}/files/{file_id}'],
  targets: PRISM_TARGETS,
  async run(ctx) {
    const { client } = ctx;
    const file = await client.files.create({ file: new File(['The Tower of Hercules is a Roman lighthouse in A Coruna.\n'], 'lighthouses.txt', { type: 'text/plain' }), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'fieldwork-files' });
    const attached = await client.vectorStores.files.create(store.id, { file_id: file.id });
    const { value } = await poll(ctx, () => client.vectorStores.files.retrieve(attached.id, { vector_store_id: store.id }), (f) => f.status !== 'in_progress');
    const list = await client.vectorStores.files.list(store.id);
    await client.vectorStores.files.delete(attached.id, { vector_store_id: store.id });
    await client.vectorStores.delete(store.id);
    return { status: value.status, listed: list.data.length };
  },
});
