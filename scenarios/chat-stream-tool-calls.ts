import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, bool, drain, modelsOf, str, weatherTool } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-stream-tool-calls',
  group: 'chat',
  description: 'Streaming tool calls (argument deltas), parallel on/off, with include_usage.',
  endpoint: 'POST /v1/chat/completions',
  targets: AIMOCK_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'small'), parallel_tool_calls: [true, false] }),
  async run({ client, params }) {
    const stream = await client.chat.completions.create({
      model: str(params, 'model'),
      stream: true,
      stream_options: { include_usage: true },
      tools: [weatherTool],
      parallel_tool_calls: bool(params, 'parallel_tool_calls'),
      messages: [{ role: 'user', content: 'What is the weather in Tokyo and in Seoul, in celsius?' }],
    });
    return drain(stream);
  },
});
