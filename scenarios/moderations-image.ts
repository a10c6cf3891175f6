import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, pngImage, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'moderations-image',
  group: 'moderations',
  description: 'Multi-modal moderation: text plus an image (data URL).',
  endpoint: 'POST /v1/moderations',
  targets: ALL_TARGETS,
  matrix: { model: ['omni-moderation-latest'] },
  async run({ client, params }) {
    const result = await client.moderations.create({
      model: str(params, 'model'),
      input: [
        { type: 'text', text: 'A red square on a white background.' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${pngImage(32).toString('base64')}` } },
      ],
    });
    return { flagged: result.results[0]?.flagged, applied: result.results[0]?.category_applied_input_types ?? null };
  },
});
