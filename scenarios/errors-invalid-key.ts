import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, expectApiError, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'errors-invalid-key',
  group: 'errors',
  description: '401 for an invalid API key, on chat and responses (aimock ignores keys, so it answers from a fixture keyed on the prompt).',
  endpoint: ['POST /v1/chat/completions', 'POST /v1/responses'],
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), call: ['chat', 'responses'] }),
  async run({ client, params }) {
    // The key is fake on purpose; the recorder redacts the authorization header anyway.
    const badClient = client.withOptions({ apiKey: 'sk-fieldwork-invalid-key-0000' });
    const prompt = 'fieldwork error probe: invalid api key';
    if (str(params, 'call') === 'responses') return expectApiError(401, () => badClient.responses.create({ model: str(params, 'model'), input: prompt }));
    return expectApiError(401, () =>
      badClient.chat.completions.create({ model: str(params, 'model'), messages: [{ role: 'user', content: prompt }] }),
    );
  },
});
