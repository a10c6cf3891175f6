import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-delete',
  group: 'responses',
  description: 'Create a stored response, then delete it.',
  endpoint: ['POST /v1/responses', 'DELETE /v1/responses/{response_id}'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run({ client, params }) {
    const created = await client.responses.create({ model: str(params, 'model'), input: 'Say the word harbour.', store: true });
    await client.responses.delete(created.id);
    return { deleted: created.id.length > 0 };
  },
});
