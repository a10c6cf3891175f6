import { defineScenario } from '../harness/scenario/index.ts';
import { LIVE_TARGETS, drain, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'completions-legacy-stream',
  group: 'completions',
  description: 'Legacy completions streamed (neither local mock streams this endpoint).',
  endpoint: 'POST /v1/completions',
  targets: LIVE_TARGETS,
  matrix: { model: ['gpt-3.5-turbo-instruct'] },
  async run({ client, params }) {
    const stream = await client.completions.create({
      model: str(params, 'model'),
      prompt: 'Once upon a time',
      max_tokens: 16,
      stream: true,
      stream_options: { include_usage: true },
    });
    return drain(stream);
  },
});
