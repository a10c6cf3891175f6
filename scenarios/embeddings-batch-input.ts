import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'embeddings-batch-input',
  group: 'embeddings',
  description: 'Several inputs in one request (array of strings), with a large model.',
  endpoint: 'POST /v1/embeddings',
  targets: ALL_TARGETS,
  matrix: { model: ['text-embedding-3-small', 'text-embedding-3-large'] },
  async run({ client, params }) {
    const result = await client.embeddings.create({
      model: str(params, 'model'),
      input: ['Fieldwork embeds the first harbour note.', 'Fieldwork embeds the second harbour note.', 'Fieldwork embeds the third harbour note.'],
    });
    return { count: result.data.length, indices: result.data.map((d) => d.index) };
  },
});
