import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'models-retrieve',
  group: 'models',
  description: 'Retrieve each configured model (aimock does not serve GET /v1/models/{model}).',
  endpoint: 'GET /v1/models/{model}',
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small', 'reasoning') }),
  async run({ client, params }) {
    const model = await client.models.retrieve(str(params, 'model'));
    return { id: model.id, owned_by: model.owned_by };
  },
});
