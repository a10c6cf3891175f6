import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, num, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-sampling',
  group: 'chat',
  description: 'Sampling parameters: temperature x top_p.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), temperature: [0, 1.2], top_p: [0.2, 1] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      temperature: num(params, 'temperature'),
      top_p: num(params, 'top_p'),
      messages: [{ role: 'user', content: 'Suggest a name for a grey cat. One word.' }],
    });
    return { content: completion.choices[0]?.message.content };
  },
});
