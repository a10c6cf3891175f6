import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, bool, num, str } from './support/catalogue.ts';

/** The legacy endpoint only serves instruct models, which the chat model lists do not name. */
const INSTRUCT_MODELS = ['gpt-3.5-turbo-instruct'];

export default defineScenario({
  id: 'completions-legacy',
  group: 'completions',
  description: 'Legacy completions with logprobs and echo.',
  endpoint: 'POST /v1/completions',
  targets: PRISM_TARGETS,
  matrix: { model: INSTRUCT_MODELS, logprobs: [0, 3], echo: [false, true] },
  async run({ client, params }) {
    const completion = await client.completions.create({
      model: str(params, 'model'),
      prompt: 'The three primary colours are',
      max_tokens: 12,
      logprobs: num(params, 'logprobs'),
      echo: bool(params, 'echo'),
    });
    return { text: completion.choices[0]?.text, finish: completion.choices[0]?.finish_reason };
  },
});
