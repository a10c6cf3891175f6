import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'assistants-crud',
  group: 'assistants',
  description: 'Assistants: create, retrieve, update, list, delete.',
  endpoint: ['POST /v1/assistants', 'GET /v1/assistants/{assistant_id}', 'POST /v1/assistants/{assistant_id}', 'GET /v1/assistants', 'DELETE /v1/assistants/{assistant_id}'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small') }),
  async run({ client, params }) {
    const assistant = await client.beta.assistants.create({ model: str(params, 'model'), name: 'Fieldwork harbour guide', instructions: 'Answer questions about harbours.', metadata: { source: 'fieldwork' } });
    const retrieved = await client.beta.assistants.retrieve(assistant.id);
    const updated = await client.beta.assistants.update(assistant.id, { instructions: 'Answer questions about harbours in one sentence.' });
    const list = await client.beta.assistants.list({ limit: 5 });
    const deleted = await client.beta.assistants.delete(assistant.id);
    return { same: retrieved.id === assistant.id, updated: updated.instructions, listed: list.data.length, deleted: deleted.deleted };
  },
});
