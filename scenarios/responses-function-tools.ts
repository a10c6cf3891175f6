import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, bool, drain, modelsOf, str } from './support/catalogue.ts';

const tool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

export default defineScenario({
  id: 'responses-function-tools',
  group: 'responses',
  description: 'Responses API function tools, as JSON and as a stream (function_call_arguments events).',
  endpoint: 'POST /v1/responses',
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), stream: [false, true] }),
  async run({ client, params }) {
    const body = { model: str(params, 'model'), tools: [tool], input: 'What is the weather in Lisbon right now?', store: false };
    if (bool(params, 'stream')) return drain(await client.responses.create({ ...body, stream: true }));
    const response = await client.responses.create(body);
    return { types: response.output.map((item) => item.type) };
  },
});
