import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, bool, drain, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-json-object',
  group: 'chat',
  description: 'response_format json_object, as JSON and as a stream.',
  endpoint: 'POST /v1/chat/completions',
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small'), stream: [false, true] }),
  async run({ client, params }) {
    const body = {
      model: str(params, 'model'),
      response_format: { type: 'json_object' as const },
      messages: [{ role: 'user' as const, content: 'List the three primary colours as JSON with a key named colours.' }],
    };
    if (bool(params, 'stream')) return drain(await client.chat.completions.create({ ...body, stream: true }));
    const completion = await client.chat.completions.create(body);
    return { content: completion.choices[0]?.message.content };
  },
});
