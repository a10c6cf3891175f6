import type OpenAI from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, jsonl, str, uploadProcessed } from './support/catalogue.ts';

/** Fine-tuning needs dated snapshots, which differ from the chat model aliases in config. */
const BASE_MODELS = ['gpt-4o-mini-2024-07-18'];

function trainingLines(method: string): object[] {
  const prompt = { role: 'user', content: 'Name a colour of the sea.' };
  if (method === 'dpo') {
    return Array.from({ length: 10 }, () => ({ input: { messages: [prompt] }, preferred_output: [{ role: 'assistant', content: 'Teal.' }], non_preferred_output: [{ role: 'assistant', content: 'Plaid.' }] }));
  }
  return Array.from({ length: 10 }, () => ({ messages: [prompt, { role: 'assistant', content: 'Teal.' }] }));
}

export default defineScenario({
  id: 'fine-tuning-jobs',
  group: 'fine-tuning',
  description: 'Fine-tuning: upload training data, create a job (supervised, dpo), list, events, cancel.',
  endpoint: ['POST /v1/files', 'GET /v1/files/{file_id}', 'POST /v1/fine_tuning/jobs', 'GET /v1/fine_tuning/jobs', 'GET /v1/fine_tuning/jobs/{fine_tuning_job_id}/events', 'POST /v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel'],
  targets: AIMOCK_TARGETS,
  matrix: { model: BASE_MODELS, method: ['supervised', 'dpo'] },
  async run(ctx) {
    const { client, params } = ctx;
    const method = str(params, 'method');
    const file = await uploadProcessed(ctx, jsonl(`fieldwork-${method}.jsonl`, trainingLines(method)), 'fine-tune');
    const methodBody: OpenAI.FineTuning.JobCreateParams.Method =
      method === 'dpo' ? { type: 'dpo', dpo: { hyperparameters: { n_epochs: 1 } } } : { type: 'supervised', supervised: { hyperparameters: { n_epochs: 1 } } };
    const job = await client.fineTuning.jobs.create({ model: str(params, 'model'), training_file: file.id, method: methodBody, suffix: 'fieldwork' });
    const list = await client.fineTuning.jobs.list({ limit: 3 });
    const events = await client.fineTuning.jobs.listEvents(job.id, { limit: 5 });
    const cancelled = await client.fineTuning.jobs.cancel(job.id);
    return { status: [job.status, cancelled.status], listed: list.data.length > 0, events: events.data.length };
  },
});
