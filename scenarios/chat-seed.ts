import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-seed',
  group: 'chat',
  description: 'seed for best-effort determinism; system_fingerprint in the answer.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small'), seed: [7] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      seed: 7,
      messages: [{ role: 'user', content: 'Pick a random fruit. One word.' }],
    });
    return { content: completion.choices[0]?.message.content, fingerprint: completion.system_fingerprint ?? null };
  },
});
