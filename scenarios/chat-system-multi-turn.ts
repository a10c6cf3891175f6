import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-system-multi-turn',
  group: 'chat',
  description: 'System prompt plus a multi-turn conversation (user, assistant, user).',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small') }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      messages: [
        { role: 'system', content: 'You are a terse geography tutor. Answer with the city name only.' },
        { role: 'user', content: 'Name the capital of France.' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And the capital of Italy?' },
      ],
    });
    return { content: completion.choices[0]?.message.content, finish: completion.choices[0]?.finish_reason };
  },
});
