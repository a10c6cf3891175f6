import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** The plainest call there is: one non-streaming chat completion (JSON in, JSON out). */
export default defineScenario({
  id: 'chat-basic',
  description: 'Non-streaming chat completion with a single user message.',
  endpoint: 'POST /v1/chat/completions',
  group: 'chat',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: config.models.small }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: String(params['model']),
      messages: [{ role: 'user', content: 'fieldwork: say hello' }],
    });
    return { content: completion.choices[0]?.message.content, finish: completion.choices[0]?.finish_reason, usage: completion.usage };
  },
});
