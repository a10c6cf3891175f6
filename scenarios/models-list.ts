import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS } from './support/catalogue.ts';

export default defineScenario({
  id: 'models-list',
  group: 'models',
  description: 'List the models available to the key.',
  endpoint: 'GET /v1/models',
  targets: ALL_TARGETS,
  async run({ client }) {
    const page = await client.models.list();
    return { count: page.data.length };
  },
});
