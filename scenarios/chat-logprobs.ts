import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, bool, drain, modelsOf, num, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-logprobs',
  group: 'chat',
  description: 'logprobs with top_logprobs, as JSON and as a stream.',
  endpoint: 'POST /v1/chat/completions',
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), top_logprobs: [0, 3], stream: [false, true] }),
  async run({ client, params }) {
    const body = {
      model: str(params, 'model'),
      logprobs: true,
      top_logprobs: num(params, 'top_logprobs'),
      messages: [{ role: 'user' as const, content: 'Is the sky blue? Answer yes or no.' }],
    };
    if (bool(params, 'stream')) return drain(await client.chat.completions.create({ ...body, stream: true }));
    const completion = await client.chat.completions.create(body);
    return { tokens: completion.choices[0]?.logprobs?.content?.length ?? null };
  },
});
