import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, jsonl, uploadProcessed } from './support/catalogue.ts';

export default defineScenario({
  id: 'fine-tuning-checkpoints',
  group: 'fine-tuning',
  description: 'Fine-tuning job checkpoints (aimock has no checkpoints endpoint): create a job, list its checkpoints.',
  endpoint: ['POST /v1/files', 'GET /v1/files/{file_id}', 'POST /v1/fine_tuning/jobs', 'GET /v1/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints', 'POST /v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel'],
  targets: PRISM_TARGETS,
  async run(ctx) {
    const { client } = ctx;
    const lines = Array.from({ length: 10 }, () => ({ messages: [{ role: 'user', content: 'Name a bird of the coast.' }, { role: 'assistant', content: 'Gull.' }] }));
    const file = await uploadProcessed(ctx, jsonl('fieldwork-checkpoints.jsonl', lines), 'fine-tune');
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id });
    const checkpoints = await client.fineTuning.jobs.checkpoints.list(job.id);
    await client.fineTuning.jobs.cancel(job.id);
    return { checkpoints: checkpoints.data.length };
  },
});
