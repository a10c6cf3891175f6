import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, expectApiError, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'errors-invalid-parameter',
  group: 'errors',
  description: '400 for an out-of-range parameter, on chat, responses and embeddings.',
  endpoint: ['POST /v1/chat/completions', 'POST /v1/responses', 'POST /v1/embeddings'],
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), call: ['chat', 'responses', 'embeddings'] }),
  async run({ client, params }) {
    const model = str(params, 'model');
    const prompt = 'fieldwork error probe: invalid parameter';
    switch (str(params, 'call')) {
      case 'responses':
        return expectApiError(400, () => client.responses.create({ model, input: prompt, temperature: 7 }));
      case 'embeddings':
        return expectApiError(400, () => client.embeddings.create({ model: 'text-embedding-3-small', input: prompt, dimensions: -4 }));
      default:
        return expectApiError(400, () => client.chat.completions.create({ model, temperature: 7, messages: [{ role: 'user', content: prompt }] }));
    }
  },
});
