import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS } from './support/catalogue.ts';

export default defineScenario({
  id: 'vector-stores-crud',
  group: 'vector-stores',
  description: 'Vector stores: create (with expiry), retrieve, update, list, delete.',
  endpoint: ['POST /v1/vector_stores', 'GET /v1/vector_stores/{vector_store_id}', 'POST /v1/vector_stores/{vector_store_id}', 'GET /v1/vector_stores', 'DELETE /v1/vector_stores/{vector_store_id}'],
  targets: PRISM_TARGETS,
  async run({ client }) {
    const store = await client.vectorStores.create({ name: 'fieldwork-harbours', expires_after: { anchor: 'last_active_at', days: 1 } });
    const retrieved = await client.vectorStores.retrieve(store.id);
    const updated = await client.vectorStores.update(store.id, { metadata: { source: 'fieldwork' } });
    const list = await client.vectorStores.list({ limit: 5 });
    const deleted = await client.vectorStores.delete(store.id);
    return { status: retrieved.status, metadata: updated.metadata, listed: list.data.length, deleted: deleted.deleted };
  },
});
