import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, num, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-max-completion-tokens',
  group: 'chat',
  description: 'max_completion_tokens cuts the answer short (finish_reason "length"; reasoning models may spend it all on reasoning).',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small', 'reasoning'), max_completion_tokens: [16] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      max_completion_tokens: num(params, 'max_completion_tokens'),
      messages: [{ role: 'user', content: 'Write a long essay about the history of the printing press.' }],
    });
    return { finish: completion.choices[0]?.finish_reason, usage: completion.usage };
  },
});
