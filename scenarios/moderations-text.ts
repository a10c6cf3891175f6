import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'moderations-text',
  group: 'moderations',
  description: 'Text moderation, a single string and a list of strings.',
  endpoint: 'POST /v1/moderations',
  targets: ALL_TARGETS,
  matrix: { model: ['omni-moderation-latest'], input: ['single', 'list'] },
  async run({ client, params }) {
    const text = 'I will find you and hurt you if you come here again.';
    const result = await client.moderations.create({
      model: str(params, 'model'),
      input: str(params, 'input') === 'single' ? text : [text, 'What a lovely morning for a walk.'],
    });
    return { results: result.results.map((r) => r.flagged) };
  },
});
