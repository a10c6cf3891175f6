import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, str } from './support/catalogue.ts';

/** Image models are not chat models, so they are listed here rather than in config.models. */
const SETTINGS = {
  'gpt-image-1': { quality: 'low', size: '1024x1024' },
  'dall-e-3': { quality: 'standard', size: '1024x1024', response_format: 'url' },
} as const;

export default defineScenario({
  id: 'images-generate',
  group: 'images',
  description: 'Image generation with gpt-image-1 (base64) and dall-e-3 (URL).',
  endpoint: 'POST /v1/images/generations',
  targets: ALL_TARGETS,
  matrix: { model: Object.keys(SETTINGS) },
  async run({ client, params }) {
    const model = str(params, 'model') as keyof typeof SETTINGS;
    const result = await client.images.generate({ model, prompt: 'A watercolour lighthouse on a rocky coast at dusk.', n: 1, ...SETTINGS[model] });
    const image = result.data?.[0];
    return { hasUrl: Boolean(image?.url), hasB64: Boolean(image?.b64_json), revised: image?.revised_prompt ?? null };
  },
});
