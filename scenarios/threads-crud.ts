import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS } from './support/catalogue.ts';

export default defineScenario({
  id: 'threads-crud',
  group: 'assistants',
  description: 'Threads: create with an initial message, retrieve, update metadata, delete.',
  endpoint: ['POST /v1/threads', 'GET /v1/threads/{thread_id}', 'POST /v1/threads/{thread_id}', 'DELETE /v1/threads/{thread_id}'],
  targets: PRISM_TARGETS,
  async run({ client }) {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Which harbour is the oldest in Europe?' }] });
    const retrieved = await client.beta.threads.retrieve(thread.id);
    const updated = await client.beta.threads.update(thread.id, { metadata: { topic: 'harbours' } });
    const deleted = await client.beta.threads.delete(thread.id);
    return { same: retrieved.id === thread.id, metadata: updated.metadata, deleted: deleted.deleted };
  },
});
