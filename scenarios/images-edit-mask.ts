import { toFile } from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, pngImage, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'images-edit-mask',
  group: 'images',
  description: 'Image edit with a mask (multipart upload of two PNGs).',
  endpoint: 'POST /v1/images/edits',
  targets: ALL_TARGETS,
  matrix: { model: ['gpt-image-1'] },
  async run({ client, params }) {
    const result = await client.images.edit({
      model: str(params, 'model'),
      image: await toFile(pngImage(256), 'square.png', { type: 'image/png' }),
      mask: await toFile(pngImage(256, 'mask'), 'mask.png', { type: 'image/png' }),
      prompt: 'Replace the red square with a small blue sailboat.',
      quality: 'low',
      size: '1024x1024',
    });
    return { images: result.data?.length ?? 0, hasB64: Boolean(result.data?.[0]?.b64_json) };
  },
});
