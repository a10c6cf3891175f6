import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, pngImage, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-image-input',
  group: 'chat',
  description: 'Image input as a base64 data URL, with detail low and high.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), detail: ['low', 'high'] }),
  async run({ client, params }) {
    const url = `data:image/png;base64,${pngImage(64).toString('base64')}`;
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe the colours in this image in one sentence.' },
            { type: 'image_url', image_url: { url, detail: str(params, 'detail') as 'low' | 'high' } },
          ],
        },
      ],
    });
    return { content: completion.choices[0]?.message.content, usage: completion.usage };
  },
});
