import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'embeddings-encoding',
  group: 'embeddings',
  description: 'Embeddings as float and base64, at full size and shortened with dimensions.',
  endpoint: 'POST /v1/embeddings',
  targets: ALL_TARGETS,
  matrix: { model: ['text-embedding-3-small'], encoding_format: ['float', 'base64'], dimensions: ['default', '256'] },
  async run({ client, params }) {
    const dimensions = str(params, 'dimensions');
    const result = await client.embeddings.create({
      model: str(params, 'model'),
      input: 'Fieldwork embeds a sentence about lighthouses.',
      encoding_format: str(params, 'encoding_format') as 'float' | 'base64',
      ...(dimensions === 'default' ? {} : { dimensions: Number(dimensions) }),
    });
    const first = result.data[0]?.embedding as unknown;
    return { kind: typeof first, length: Array.isArray(first) ? first.length : null, usage: result.usage };
  },
});
