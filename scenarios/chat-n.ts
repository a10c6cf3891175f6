import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, num, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-n',
  group: 'chat',
  description: 'n > 1: several choices in one answer.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), n: [2, 3] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      n: num(params, 'n'),
      messages: [{ role: 'user', content: 'Give a one-word synonym for happy.' }],
    });
    return { choices: completion.choices.map((c) => c.message.content) };
  },
});
