import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-structured-output',
  group: 'responses',
  description: 'Responses API structured output: text.format json_schema, strict.',
  endpoint: 'POST /v1/responses',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small') }),
  async run({ client, params }) {
    const response = await client.responses.create({
      model: str(params, 'model'),
      input: 'Extract the event and year from: The first transatlantic telegraph cable was completed in 1858.',
      text: {
        format: {
          type: 'json_schema',
          name: 'event',
          strict: true,
          schema: { type: 'object', properties: { event: { type: 'string' }, year: { type: 'integer' } }, required: ['event', 'year'], additionalProperties: false },
        },
      },
      store: false,
    });
    return { text: response.output_text };
  },
});
