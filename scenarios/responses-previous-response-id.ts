import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'responses-previous-response-id',
  group: 'responses',
  description: 'Conversation state: a second turn chained with previous_response_id (store: true).',
  endpoint: 'POST /v1/responses',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small') }),
  async run({ client, params }) {
    const model = str(params, 'model');
    const first = await client.responses.create({ model, input: 'My favourite harbour town is Honfleur. Remember it.', store: true });
    const second = await client.responses.create({ model, previous_response_id: first.id, input: 'Which harbour town did I name?', store: true });
    return { chained: second.previous_response_id === first.id, text: second.output_text };
  },
});
