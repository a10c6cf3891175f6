import { defineScenario } from '../harness/scenario/index.ts';
import { expectApiError, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'errors-rate-limit',
  group: 'errors',
  description: '429 with retry-after and x-ratelimit-* headers (retries off so the 429 itself is recorded). The live API cannot be made to rate-limit on demand, so only aimock and custom servers are listed.',
  endpoint: ['POST /v1/chat/completions', 'POST /v1/embeddings'],
  targets: ['aimock', 'custom'],
  matrix: (config) => ({ model: modelsOf(config, 'small'), call: ['chat', 'embeddings'] }),
  async run({ client, params }) {
    const prompt = 'fieldwork error probe: rate limit';
    const noRetry = client.withOptions({ maxRetries: 0 });
    if (str(params, 'call') === 'embeddings') {
      return expectApiError(429, () => noRetry.embeddings.create({ model: 'text-embedding-3-small', input: prompt }));
    }
    return expectApiError(429, () => noRetry.chat.completions.create({ model: str(params, 'model'), messages: [{ role: 'user', content: prompt }] }));
  },
});
