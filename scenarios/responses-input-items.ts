import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-input-items',
  group: 'responses',
  description: 'Create a stored response, retrieve it and list its input_items (aimock keeps no responses).',
  endpoint: ['POST /v1/responses', 'GET /v1/responses/{response_id}', 'GET /v1/responses/{response_id}/input_items'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run({ client, params }) {
    const created = await client.responses.create({ model: str(params, 'model'), input: 'Name a famous lighthouse.', store: true });
    const retrieved = await client.responses.retrieve(created.id);
    const items = await client.responses.inputItems.list(created.id);
    return { status: retrieved.status, items: items.data.length };
  },
});
