import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** Embeddings for two inputs, as float arrays (the SDK would otherwise ask for base64). */
export default defineScenario({
  id: 'embeddings',
  description: 'Embeddings for a batch of two inputs, encoding_format float.',
  endpoint: 'POST /v1/embeddings',
  group: 'embeddings',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  matrix: { model: ['text-embedding-3-small'] },
  async run({ client, params }) {
    const result = await client.embeddings.create({
      model: String(params['model']),
      input: ['hello world', 'fieldwork records embeddings'],
      encoding_format: 'float',
    });
    return { count: result.data.length, dims: result.data.map((d) => d.embedding.length), first: result.data[0]?.embedding.slice(0, 4) };
  },
});
