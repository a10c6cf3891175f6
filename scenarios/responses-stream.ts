import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** The Responses API streaming: typed events (`response.created` ... `response.completed`). */
export default defineScenario({
  id: 'responses-stream',
  description: 'Streaming Responses API call; records every typed event.',
  endpoint: 'POST /v1/responses',
  group: 'responses',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: config.models.small }),
  async run({ client, params }) {
    const stream = await client.responses.create({
      model: String(params['model']),
      input: 'fieldwork: responses stream',
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    return { types, text };
  },
});
