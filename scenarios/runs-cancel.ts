import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'runs-cancel',
  group: 'assistants',
  description: 'Cancel a run right after starting it (cancelling / cancelled, or an error if it already finished).',
  endpoint: ['POST /v1/assistants', 'POST /v1/threads/runs', 'POST /v1/threads/{thread_id}/runs/{run_id}/cancel'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run({ client, params }) {
    const assistant = await client.beta.assistants.create({ model: str(params, 'model') });
    const run = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Write a long poem about tides.' }] } });
    const cancelled = await client.beta.threads.runs.cancel(run.id, { thread_id: run.thread_id });
    await client.beta.assistants.delete(assistant.id);
    return { status: cancelled.status };
  },
});
