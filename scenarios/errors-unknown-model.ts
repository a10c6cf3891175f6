import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, expectApiError, str } from './support/catalogue.ts';

const MISSING_MODEL = 'fieldwork-no-such-model';

export default defineScenario({
  id: 'errors-unknown-model',
  group: 'errors',
  description: '404 model_not_found for an unknown model, on chat (JSON and stream) and responses (404 or 400).',
  endpoint: ['POST /v1/chat/completions', 'POST /v1/responses'],
  targets: AIMOCK_TARGETS,
  matrix: { call: ['chat', 'chat-stream', 'responses'] },
  async run({ client, params }) {
    const prompt = 'fieldwork error probe: unknown model';
    switch (str(params, 'call')) {
      case 'responses':
        // The Responses API has answered an unknown model with 400 as well as 404.
        return expectApiError([404, 400], () => client.responses.create({ model: MISSING_MODEL, input: prompt }));
      case 'chat-stream':
        return expectApiError(404, () => client.chat.completions.create({ model: MISSING_MODEL, stream: true, messages: [{ role: 'user', content: prompt }] }));
      default:
        return expectApiError(404, () => client.chat.completions.create({ model: MISSING_MODEL, messages: [{ role: 'user', content: prompt }] }));
    }
  },
});
