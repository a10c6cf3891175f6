import type { Exchange, StreamEvent } from '../core/exchange.ts';
import { isRecord } from '../core/json.ts';

/** A stream problem found while reassembling (becomes a `stream-inconsistency` finding). */
export interface StreamIssue {
  event: number | null;
  path: string;
  value: string;
  message: string;
}

/** The reassembled final object plus what did not add up. */
export interface Reassembly {
  kind: 'chat' | 'completion' | 'responses' | 'other';
  /** Final object built from the chunks (strings truncated). */
  final: Record<string, unknown> | null;
  text: string;
  issues: StreamIssue[];
}

/** Longest reassembled string kept in the report. */
export const TEXT_MAX = 200;

const cut = (s: string): string => (s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX - 1)}…` : s);

interface ToolAcc {
  id: string | null;
  type: string | null;
  name: string;
  arguments: string;
}
interface ChoiceAcc {
  role: string | null;
  content: string;
  refusal: string;
  hasContent: boolean;
  hasRefusal: boolean;
  tools: Map<number, ToolAcc>;
  logprobs: number;
  finishReason: string | null;
  text: string;
}

function newChoice(): ChoiceAcc {
  return { role: null, content: '', refusal: '', hasContent: false, hasRefusal: false, tools: new Map(), logprobs: 0, finishReason: null, text: '' };
}

/** Chat (`chat.completion.chunk`) and legacy completion (`text_completion`) streams. */
function reassembleChat(ex: Exchange, events: StreamEvent[], kind: 'chat' | 'completion'): Reassembly {
  const choices = new Map<number, ChoiceAcc>();
  const issues: StreamIssue[] = [];
  let head: Record<string, unknown> = {};
  let usage: unknown = undefined;
  for (const ev of events) {
    const d = ev.data;
    if (!isRecord(d)) continue;
    if (Object.keys(head).length === 0) head = { id: d['id'], model: d['model'], created: d['created'], system_fingerprint: d['system_fingerprint'] };
    if (isRecord(d['usage'])) usage = d['usage'];
    if (!Array.isArray(d['choices'])) continue;
    for (const c of d['choices']) {
      if (!isRecord(c)) continue;
      const index = typeof c['index'] === 'number' ? c['index'] : 0;
      const acc = choices.get(index) ?? newChoice();
      choices.set(index, acc);
      if (typeof c['finish_reason'] === 'string') acc.finishReason = c['finish_reason'];
      if (typeof c['text'] === 'string') acc.text += c['text'];
      const lp = c['logprobs'];
      if (isRecord(lp) && Array.isArray(lp['content'])) acc.logprobs += lp['content'].length;
      else if (isRecord(lp) && Array.isArray(lp['tokens'])) acc.logprobs += lp['tokens'].length;
      const delta = c['delta'];
      if (!isRecord(delta)) continue;
      if (typeof delta['role'] === 'string') acc.role = delta['role'];
      if (typeof delta['content'] === 'string') {
        acc.content += delta['content'];
        acc.hasContent = true;
      }
      if (typeof delta['refusal'] === 'string') {
        acc.refusal += delta['refusal'];
        acc.hasRefusal = true;
      }
      if (Array.isArray(delta['tool_calls'])) {
        for (const tc of delta['tool_calls']) {
          if (!isRecord(tc)) continue;
          const ti = typeof tc['index'] === 'number' ? tc['index'] : acc.tools.size;
          const tool = acc.tools.get(ti) ?? { id: null, type: null, name: '', arguments: '' };
          acc.tools.set(ti, tool);
          if (typeof tc['id'] === 'string') tool.id = tc['id'];
          if (typeof tc['type'] === 'string') tool.type = tc['type'];
          const fn = tc['function'];
          if (isRecord(fn)) {
            if (typeof fn['name'] === 'string') tool.name += fn['name'];
            if (typeof fn['arguments'] === 'string') tool.arguments += fn['arguments'];
          }
        }
      }
    }
  }
  const req = ex.request.body.kind === 'json' && isRecord(ex.request.body.value) ? ex.request.body.value : {};
  const so = req['stream_options'];
  if (isRecord(so) && so['include_usage'] === true && usage === undefined) {
    issues.push({ event: null, path: 'usage', value: 'undefined', message: 'stream_options.include_usage was requested but no chunk carried usage' });
  }
  const finalChoices = [...choices.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, acc]) => {
      const tool_calls = [...acc.tools.entries()].map(([ti, t]) => {
        if (acc.finishReason === 'tool_calls' || acc.finishReason === 'stop') {
          try {
            if (t.arguments !== '') JSON.parse(t.arguments);
          } catch {
            issues.push({ event: null, path: 'choices[].delta.tool_calls[].function.arguments', value: JSON.stringify(cut(t.arguments)), message: `tool call ${ti} arguments are not valid JSON after reassembly` });
          }
        }
        return { id: t.id, type: t.type, function: { name: t.name, arguments: cut(t.arguments) } };
      });
      if (kind === 'completion') return { index, text: cut(acc.text), finish_reason: acc.finishReason, logprobs_tokens: acc.logprobs };
      return {
        index,
        message: {
          role: acc.role ?? 'assistant',
          content: acc.hasContent ? cut(acc.content) : null,
          refusal: acc.hasRefusal ? cut(acc.refusal) : null,
          ...(tool_calls.length > 0 ? { tool_calls } : {}),
        },
        logprobs_tokens: acc.logprobs,
        finish_reason: acc.finishReason,
      };
    });
  const first = choices.get(0) ?? choices.values().next().value;
  const text = first ? (kind === 'completion' ? first.text : first.content || first.refusal) : '';
  return {
    kind,
    final: { ...head, object: kind === 'chat' ? 'chat.completion' : 'text_completion', choices: finalChoices, usage: usage ?? null },
    text: cut(text),
    issues,
  };
}

/** Responses API streams: `response.*` events with `sequence_number`. */
function reassembleResponses(events: StreamEvent[]): Reassembly {
  const issues: StreamIssue[] = [];
  const deltas = new Map<string, string>();
  let lastSeq: number | null = null;
  let final: Record<string, unknown> | null = null;
  let text = '';
  for (const ev of events) {
    const d = ev.data;
    if (!isRecord(d)) continue;
    const seq = d['sequence_number'];
    if (typeof seq === 'number') {
      if (lastSeq !== null && seq !== lastSeq + 1) {
        const what = seq <= lastSeq ? 'repeats or goes back' : `skips ${seq - lastSeq - 1}`;
        issues.push({ event: ev.index, path: 'sequence_number', value: String(seq), message: `sequence_number ${what} (previous ${lastSeq})` });
      }
      lastSeq = seq;
    }
    const type = d['type'];
    const key = `${String(d['item_id'])}:${String(d['output_index'])}:${String(d['content_index'])}`;
    if (type === 'response.output_text.delta' && typeof d['delta'] === 'string') {
      deltas.set(key, (deltas.get(key) ?? '') + d['delta']);
      text += d['delta'];
    } else if (type === 'response.output_text.done' && typeof d['text'] === 'string') {
      const joined = deltas.get(key) ?? '';
      if (joined !== d['text']) {
        issues.push({ event: ev.index, path: 'text', value: JSON.stringify(cut(d['text'])), message: `output_text.done text (${d['text'].length} chars) differs from its concatenated deltas (${joined.length} chars)` });
      }
    } else if ((type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') && isRecord(d['response'])) {
      const r = d['response'];
      final = { id: r['id'], status: r['status'], model: r['model'], output_text: cut(text), usage: r['usage'] ?? null, output_items: Array.isArray(r['output']) ? r['output'].length : 0 };
    }
  }
  return { kind: 'responses', final, text: cut(text), issues };
}

/** Reassembles a stream into its final object and lists inconsistencies; never throws. */
export function reassemble(ex: Exchange): Reassembly {
  const events = (ex.response.events ?? []).filter((e) => e.json);
  const sample = events.find((e) => isRecord(e.data))?.data as Record<string, unknown> | undefined;
  const object = sample?.['object'];
  if (object === 'chat.completion.chunk') return reassembleChat(ex, events, 'chat');
  if (object === 'text_completion') return reassembleChat(ex, events, 'completion');
  if (typeof sample?.['type'] === 'string' && sample['type'].startsWith('response.')) return reassembleResponses(events);
  return { kind: 'other', final: null, text: '', issues: [] };
}

/** Time to first event and the gaps between events, from recorded offsets (bounded list). */
export function streamTiming(ex: Exchange, maxGaps = 100): { firstEventMs: number | null; gapsMs: number[] } {
  const offsets = (ex.response.events ?? []).map((e) => e.offsetMs).filter((o): o is number => typeof o === 'number');
  if (offsets.length === 0) return { firstEventMs: ex.timing?.firstChunkMs ?? null, gapsMs: [] };
  const gaps: number[] = [];
  for (let i = 1; i < offsets.length && gaps.length < maxGaps; i++) gaps.push(Math.round(((offsets[i] ?? 0) - (offsets[i - 1] ?? 0)) * 10) / 10);
  return { firstEventMs: offsets[0] ?? null, gapsMs: gaps };
}
