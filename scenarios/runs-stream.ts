import { defineScenario } from '../harness/scenario/index.ts';
import { LIVE_TARGETS, drain, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'runs-stream',
  group: 'assistants',
  description: 'Streaming run events (thread.run.*, thread.message.delta, done). Neither local mock streams runs.',
  endpoint: ['POST /v1/assistants', 'POST /v1/threads/runs'],
  targets: LIVE_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run({ client, params }) {
    const assistant = await client.beta.assistants.create({ model: str(params, 'model') });
    const stream = await client.beta.threads.createAndRun({ assistant_id: assistant.id, stream: true, thread: { messages: [{ role: 'user', content: 'Say hello from the harbour.' }] } });
    const summary = await drain(stream);
    await client.beta.assistants.delete(assistant.id);
    return summary;
  },
});
