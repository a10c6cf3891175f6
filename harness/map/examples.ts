import { parseSse } from '../core/sse.ts';
import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import { checkExamples, type ExampleCheck } from '../spec/examples.ts';
import type { LoadedSpec } from '../spec/spec-index.ts';
import type { OperationMatch, SchemaChoice } from '../spec/types.ts';
import { addFinding, emptyAggregate } from './aggregate.ts';
import { createMapContext, group, observePayload, type MapContext, type Where } from './analyze-exchange.ts';
import { finalizeReport } from './finalize.ts';

/** One example the spec layer found invalid, with the mapper's findings for it. */
export interface ExampleFindings {
  check: ExampleCheck;
  findings: Finding[];
  /** True when the walker found nothing and the findings are the spec layer's issues as `schema-violation`. */
  fromValidator: boolean;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw example an ExampleCheck was made from (same lookup the spec layer does). */
function exampleValue(spec: LoadedSpec, check: ExampleCheck): { op: OperationMatch | null; raw: unknown } | null {
  if (check.source === 'schema') {
    const choice = check.title ? spec.componentSchema(check.title) : null;
    const meta = choice && isNode(choice.schema) ? choice.schema['x-oaiMeta'] : undefined;
    return isNode(meta) ? { op: null, raw: meta['example'] } : null;
  }
  const key = check.operation?.replace(/ \(.*\)$/, '');
  const op = spec.operations().find((o) => o.key === key && (check.operation === key || check.operation?.endsWith(`(${o.pathKey?.split('?')[1]})`)));
  if (!op) return null;
  const paths = spec.document['paths'] as Node;
  const node = (paths[op.pathKey ?? op.pathTemplate] as Node | undefined)?.[op.method.toLowerCase()];
  const meta = isNode(node) ? node['x-oaiMeta'] : undefined;
  if (!isNode(meta)) return null;
  const examples = Array.isArray(meta['examples']) ? meta['examples'] : [meta['examples']];
  const example = examples[check.index];
  return isNode(example) ? { op, raw: example['response'] } : null;
}

function decode(raw: unknown): unknown {
  if (isNode(raw) && Object.keys(raw).length === 1 && typeof raw['content'] === 'string') raw = raw['content'];
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function successStatus(spec: LoadedSpec, op: OperationMatch): number {
  const paths = spec.document['paths'] as Node;
  const node = (paths[op.pathKey ?? op.pathTemplate] as Node | undefined)?.[op.method.toLowerCase()];
  const responses = isNode(node) && isNode(node['responses']) ? Object.keys(node['responses']) : [];
  return Number(responses.find((k) => /^2\d\d$/.test(k)) ?? 200);
}

function fakeExchange(spec: LoadedSpec, check: ExampleCheck): Exchange {
  return {
    source: { file: `${spec.path}#${check.source === 'schema' ? `schema ${check.title} example` : `${check.operation} example ${check.index}`}`, entry: check.index, format: 'spec-example' },
    provider: 'spec-example',
    request: { method: 'GET', url: '/', headers: {}, body: { kind: 'empty' } },
    response: { status: 200, headers: {}, body: { kind: 'empty' } },
  };
}

/**
 * Holds every example the spec layer reports invalid against the mapper, so each one gets at least
 * one finding. Where the walker sees nothing (Ajv-only complaints such as an ambiguous `oneOf`),
 * the spec layer's issues are reported as `schema-violation`.
 */
export function invalidExampleFindings(spec: LoadedSpec, ctx: MapContext = createMapContext(spec)): ExampleFindings[] {
  const out: ExampleFindings[] = [];
  for (const check of checkExamples(spec).checks) {
    if (check.status !== 'invalid') continue;
    const agg = emptyAggregate();
    const ex = fakeExchange(spec, check);
    const found = exampleValue(spec, check);
    const where: Where = { ex, operation: found?.op?.key ?? null, model: null, event: null };
    const walkOne = (choice: SchemaChoice, value: unknown, w: Where): void => observePayload(ctx, agg, w, group(agg, choice.pointer, where.operation ?? '', null, choice), choice, value);
    if (found && check.source === 'schema' && check.title) {
      const choice = spec.componentSchema(check.title);
      if (choice) walkOne(choice, decode(found.raw), where);
    } else if (found?.op && check.format === 'sse' && typeof found.raw === 'string') {
      for (const ev of parseSse(`${found.raw.trim()}\n\n`).events) {
        if (!ev.json) continue;
        const choice = spec.eventSchema(found.op, ev.event === undefined ? { data: ev.data } : { event: ev.event, data: ev.data });
        if (choice.kind === 'schema') walkOne(choice.choice, ev.data, { ...where, event: ev.index });
      }
    } else if (found?.op) {
      const choice = spec.responseSchema(found.op, successStatus(spec, found.op), 'application/json');
      if (choice) walkOne(choice, decode(found.raw), where);
    }
    let findings = finalizeReport(agg, spec, ctx.views, []).findings;
    const fromValidator = findings.length === 0;
    if (fromValidator) {
      check.issues.forEach((issue, i) =>
        addFinding(agg, { kind: 'schema-violation', operation: where.operation, schema: check.schema, path: issue.path, message: `${issue.keyword}: ${issue.message}`, file: ex.source.file, entry: ex.source.entry, event: check.eventIndexes?.[i] ?? null, model: null, provider: ex.provider }),
      );
      findings = finalizeReport(agg, spec, ctx.views, []).findings;
    }
    out.push({ check, findings, fromValidator });
  }
  return out;
}
