import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** Streaming chat with `stream_options.include_usage`: the last chunk carries usage, no choices. */
export default defineScenario({
  id: 'chat-stream-usage',
  description: 'Streaming chat completion with stream_options.include_usage (final usage chunk).',
  endpoint: 'POST /v1/chat/completions',
  group: 'chat',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: config.models.small }),
  async run({ client, params }) {
    const stream = await client.chat.completions.create({
      model: String(params['model']),
      messages: [{ role: 'user', content: 'fieldwork: stream a haiku' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let chunks = 0;
    let usage: unknown = null;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    return { content, chunks, usage };
  },
});
