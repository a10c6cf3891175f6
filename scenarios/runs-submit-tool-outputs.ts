import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, modelsOf, poll, str, weatherTool } from './support/catalogue.ts';

const WAITING = new Set(['queued', 'in_progress']);

export default defineScenario({
  id: 'runs-submit-tool-outputs',
  group: 'assistants',
  description: 'Runs with a function tool: poll to requires_action, submit_tool_outputs, poll to completion.',
  endpoint: ['POST /v1/assistants', 'POST /v1/threads/runs', 'GET /v1/threads/{thread_id}/runs/{run_id}', 'POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs'],
  targets: PRISM_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small') }),
  async run(ctx) {
    const { client, params } = ctx;
    const assistant = await client.beta.assistants.create({ model: str(params, 'model'), tools: [weatherTool] });
    const run = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'What is the weather in Bergen in celsius?' }] } });
    const waiting = await poll(ctx, () => client.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id }), (r) => !WAITING.has(r.status));
    const calls = waiting.value.required_action?.submit_tool_outputs.tool_calls ?? [];
    let final = waiting.value.status;
    // A spec-driven mock answers `queued` with a required_action example; submit whenever one is there.
    if (calls.length > 0) {
      await client.beta.threads.runs.submitToolOutputs(run.id, {
        thread_id: run.thread_id,
        tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: JSON.stringify({ temperature: 9, unit: 'celsius' }) })),
      });
      final = (await poll(ctx, () => client.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id }), (r) => !WAITING.has(r.status))).value.status;
    }
    await client.beta.assistants.delete(assistant.id);
    return { before: waiting.value.status, calls: calls.length, final };
  },
});
