import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import { checkExamples, type ExampleCheck } from '../spec/examples.ts';
import type { LoadedSpec } from '../spec/spec-index.ts';
import { emptyAggregate } from './aggregate.ts';
import { addFinding } from './findings.ts';
import { createMapContext, group, observePayload, type MapContext, type Where } from './analyze-exchange.ts';
import { finalizeReport } from './finalize.ts';

/** One example the spec layer found invalid, with the mapper's findings for it. */
export interface ExampleFindings {
  check: ExampleCheck;
  findings: Finding[];
  /** True when the walker found nothing and the findings are the spec layer's issues as `schema-violation`. */
  fromValidator: boolean;
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
  for (const check of checkExamples(spec, { payloads: true }).checks) {
    if (check.status !== 'invalid') continue;
    const agg = emptyAggregate();
    const ex = fakeExchange(spec, check);
    // `POST /responses (beta=true)` names the example; findings name the operation key.
    const where: Where = { ex, operation: check.operation?.replace(/ \(.*\)$/, '') ?? null, model: null, event: null };
    // Walk exactly what the spec layer validated: the body (or error body) or each stream event.
    for (const { choice, value, event } of check.payloads ?? []) {
      observePayload(ctx, agg, { ...where, event }, group(agg, choice.pointer, where.operation ?? '', null, choice), choice, value);
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
