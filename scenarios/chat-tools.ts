import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, bool, modelsOf, str, weatherTool } from './support/catalogue.ts';

const CHOICES = {
  auto: 'auto',
  required: 'required',
  named: { type: 'function', function: { name: 'get_weather' } },
} as const;

export default defineScenario({
  id: 'chat-tools',
  group: 'chat',
  description: 'Function tools with tool_choice (auto, required, named) and parallel_tool_calls on/off.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), tool_choice: ['auto', 'required', 'named'], parallel_tool_calls: [true, false] }),
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      tools: [weatherTool],
      tool_choice: CHOICES[str(params, 'tool_choice') as keyof typeof CHOICES],
      parallel_tool_calls: bool(params, 'parallel_tool_calls'),
      messages: [{ role: 'user', content: 'What is the weather in Paris and in London, in celsius?' }],
    });
    const message = completion.choices[0]?.message;
    return { finish: completion.choices[0]?.finish_reason, calls: message?.tool_calls?.length ?? 0 };
  },
});
