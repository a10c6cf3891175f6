import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-basic',
  group: 'responses',
  description: 'Responses API: instructions plus a text input, across every configured model.',
  endpoint: 'POST /v1/responses',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small', 'reasoning') }),
  async run({ client, params }) {
    const response = await client.responses.create({
      model: str(params, 'model'),
      instructions: 'Answer in one short sentence.',
      input: 'Why do lighthouses flash?',
      store: false,
    });
    return { status: response.status, text: response.output_text, usage: response.usage ?? null };
  },
});
