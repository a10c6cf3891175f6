import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-reasoning-summary',
  group: 'responses',
  description: 'A reasoning model with reasoning.effort and a reasoning summary.',
  endpoint: 'POST /v1/responses',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'reasoning'), summary: ['auto', 'detailed'] }),
  async run({ client, params }) {
    const response = await client.responses.create({
      model: str(params, 'model'),
      reasoning: { effort: 'low', summary: str(params, 'summary') as 'auto' | 'detailed' },
      input: 'A train leaves at 14:05 and arrives at 16:50. How long is the journey?',
      store: false,
    });
    return { types: response.output.map((item) => item.type), text: response.output_text, usage: response.usage ?? null };
  },
});
