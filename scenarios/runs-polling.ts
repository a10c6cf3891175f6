import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, poll, str } from './support/catalogue.ts';

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete', 'requires_action']);

export default defineScenario({
  id: 'runs-polling',
  group: 'assistants',
  description: 'Runs: create an assistant and a thread, start a run, poll it to a terminal status, read the reply.',
  endpoint: ['POST /v1/assistants', 'POST /v1/threads', 'POST /v1/threads/{thread_id}/runs', 'GET /v1/threads/{thread_id}/runs/{run_id}', 'GET /v1/threads/{thread_id}/messages'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run(ctx) {
    const { client, params } = ctx;
    const assistant = await client.beta.assistants.create({ model: str(params, 'model'), instructions: 'Answer in one short sentence.' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Why are lighthouses painted in stripes?' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    const { value, polls } = await poll(ctx, () => client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id }), (r) => TERMINAL.has(r.status));
    const messages = await client.beta.threads.messages.list(thread.id, { limit: 1 });
    await client.beta.assistants.delete(assistant.id);
    return { status: value.status, polls, messages: messages.data.length };
  },
});
