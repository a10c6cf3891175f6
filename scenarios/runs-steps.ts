import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, poll, str } from './support/catalogue.ts';

const WAITING = new Set(['queued', 'in_progress']);

export default defineScenario({
  id: 'runs-steps',
  group: 'assistants',
  description: 'Run steps: finish a run, list its steps and retrieve one.',
  endpoint: ['POST /v1/assistants', 'POST /v1/threads/runs', 'GET /v1/threads/{thread_id}/runs/{run_id}', 'GET /v1/threads/{thread_id}/runs/{run_id}/steps', 'GET /v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run(ctx) {
    const { client, params } = ctx;
    const assistant = await client.beta.assistants.create({ model: str(params, 'model') });
    const run = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Name one famous lighthouse.' }] } });
    await poll(ctx, () => client.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id }), (r) => !WAITING.has(r.status));
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: run.thread_id });
    const first = steps.data[0];
    const step = first ? await client.beta.threads.runs.steps.retrieve(first.id, { thread_id: run.thread_id, run_id: run.id }) : null;
    await client.beta.assistants.delete(assistant.id);
    return { steps: steps.data.length, type: step?.type ?? null };
  },
});
