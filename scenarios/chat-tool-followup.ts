import type OpenAI from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, modelsOf, str, weatherTool } from './support/catalogue.ts';

export default defineScenario({
  id: 'chat-tool-followup',
  group: 'chat',
  description: 'A tool call, then the follow-up turn carrying the tool results.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: (config) => ({ model: modelsOf(config, 'chat', 'small') }),
  async run({ client, params }) {
    const model = str(params, 'model');
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Oslo in celsius? Use the tool.' },
    ];
    const first = await client.chat.completions.create({ model, messages, tools: [weatherTool], tool_choice: 'required' });
    const call = first.choices[0]?.message;
    if (!call) return { turns: 1 };
    messages.push(call);
    for (const toolCall of call.tool_calls ?? []) {
      messages.push({ role: 'tool', tool_call_id: toolCall.id, content: JSON.stringify({ temperature: 4, unit: 'celsius' }) });
    }
    const second = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
    return { turns: 2, calls: call.tool_calls?.length ?? 0, answer: second.choices[0]?.message.content };
  },
});
