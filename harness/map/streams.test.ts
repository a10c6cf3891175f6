import { describe, expect, it } from 'vitest';
import { reassemble, streamTiming } from './streams.ts';
import { makeExchange } from './testing.ts';

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ data: { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices, ...extra } });

describe('reassemble chat chunks', () => {
  it('joins content, refusal, tool-call arguments, logprobs and the usage chunk', () => {
    const ex = makeExchange({
      url: '/v1/chat/completions',
      request: { stream: true, stream_options: { include_usage: true } },
      events: [
        chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: { content: [{ token: 'He' }] } }]),
        chunk([{ index: 0, delta: { content: 'Hel' }, logprobs: { content: [{ token: 'l' }] } }]),
        chunk([{ index: 0, delta: { content: 'lo' } }]),
        chunk([{ index: 1, delta: { refusal: "I can't" } }, { index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":' } }] } }]),
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: 'tool_calls' }]),
        chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
        { data: '[DONE]', json: false },
      ],
    });
    const r = reassemble(ex);
    expect(r.kind).toBe('chat');
    expect(r.issues).toEqual([]);
    expect(r.text).toBe('Hello');
    expect(r.final).toMatchObject({
      id: 'c1',
      object: 'chat.completion',
      usage: { total_tokens: 3 },
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Hello', refusal: null, tool_calls: [{ id: 'call_1', function: { name: 'get', arguments: '{"a":1}' } }] }, logprobs_tokens: 2, finish_reason: 'tool_calls' },
        { index: 1, message: { content: null, refusal: "I can't" } },
      ],
    });
  });

  it('reports usage missing although include_usage was requested, and broken tool arguments', () => {
    const ex = makeExchange({
      request: { stream_options: { include_usage: true } },
      events: [chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a":' } }] }, finish_reason: 'tool_calls' }])],
    });
    expect(reassemble(ex).issues.map((i) => i.path).sort()).toEqual(['choices[].delta.tool_calls[].function.arguments', 'usage']);
  });

  it('reassembles legacy completion streams', () => {
    const ex = makeExchange({ events: [{ data: { object: 'text_completion', choices: [{ index: 0, text: 'a' }] } }, { data: { object: 'text_completion', choices: [{ index: 0, text: 'b', finish_reason: 'stop' }] } }] });
    expect(reassemble(ex)).toMatchObject({ kind: 'completion', text: 'ab', issues: [] });
  });
});

describe('reassemble Responses events', () => {
  const ev = (seq: number, type: string, extra: Record<string, unknown> = {}) => ({ data: { type, sequence_number: seq, item_id: 'msg_1', output_index: 0, content_index: 0, ...extra } });
  it('builds the final response and accepts consistent deltas', () => {
    const r = reassemble(makeExchange({
      events: [
        ev(0, 'response.created', { response: { id: 'resp_1' } }),
        ev(1, 'response.output_text.delta', { delta: 'Hi ' }),
        ev(2, 'response.output_text.delta', { delta: 'there' }),
        ev(3, 'response.output_text.done', { text: 'Hi there' }),
        ev(4, 'response.completed', { response: { id: 'resp_1', status: 'completed', model: 'gpt-4.1', usage: { total_tokens: 5 }, output: [{}] } }),
      ],
    }));
    expect(r).toMatchObject({ kind: 'responses', text: 'Hi there', issues: [], final: { id: 'resp_1', status: 'completed', output_text: 'Hi there', usage: { total_tokens: 5 }, output_items: 1 } });
  });

  it('reports done text that differs from the deltas, and sequence gaps and repeats', () => {
    const r = reassemble(makeExchange({
      events: [
        ev(0, 'response.created', { response: {} }),
        ev(1, 'response.output_text.delta', { delta: 'Hi' }),
        ev(3, 'response.output_text.delta', { delta: '!' }),
        ev(3, 'response.output_text.done', { text: 'Hello!' }),
      ],
    }));
    expect(r.issues.map((i) => [i.path, i.event])).toEqual([
      ['sequence_number', 2],
      ['sequence_number', 3],
      ['text', 3],
    ]);
    expect(r.issues[0]?.message).toContain('skips 1');
    expect(r.issues[1]?.message).toContain('repeats');
  });
});

describe('streamTiming', () => {
  it('gives time to first event and gaps from recorded offsets', () => {
    const ex = makeExchange({ events: [{ data: {}, offsetMs: 120 }, { data: {}, offsetMs: 150 }, { data: {}, offsetMs: 151.5 }] });
    expect(streamTiming(ex)).toEqual({ firstEventMs: 120, gapsMs: [30, 1.5] });
  });
  it('is null without timing', () => {
    expect(streamTiming(makeExchange({ events: [{ data: {} }] }))).toEqual({ firstEventMs: null, gapsMs: [] });
  });
});
