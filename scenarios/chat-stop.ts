import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-stop',
  group: 'chat',
  description: 'Stop sequences, as a single string and as a list.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), stop: ['single', 'list'] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      stop: str(params, 'stop') === 'single' ? 'five' : ['five', '5'],
      messages: [{ role: 'user', content: 'Count from one to ten in words, separated by commas.' }],
    });
    return { content: completion.choices[0]?.message.content, finish: completion.choices[0]?.finish_reason };
  },
});
