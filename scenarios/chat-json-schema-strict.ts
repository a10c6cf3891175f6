import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-json-schema-strict',
  group: 'chat',
  description: 'Structured output: response_format json_schema with strict: true.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small', 'reasoning') }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'place',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, country: { type: 'string' } },
            required: ['city', 'country'],
            additionalProperties: false,
          },
        },
      },
      messages: [{ role: 'user', content: 'Extract the city and country from: I flew to Lyon, France last spring.' }],
    });
    return { content: completion.choices[0]?.message.content, refusal: completion.choices[0]?.message.refusal ?? null };
  },
});
