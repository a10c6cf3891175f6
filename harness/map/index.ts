/**
 * The field mapper: every response body and stream event held against its schema. Per file one
 * step (`analyzeReadResult`: exchanges + spec -> `Aggregate`, accumulated or merged with
 * `mergeInto`), then `finalizeReport` -> `reports/report.json`. `analyzeInputs` wires them over
 * `readInputs`.
 */
import type { Report } from '../core/report.ts';
import type { ReadResult } from '../core/exchange.ts';
import { readInputs } from '../read/index.ts';
import type { ReadOptions } from '../read/types.ts';
import type { SpecIndex } from '../spec/types.ts';
import { emptyAggregate, type Aggregate } from './aggregate.ts';
import { analyzeReadResult, createMapContext, type MapContext } from './analyze-exchange.ts';
import { finalizeReport } from './finalize.ts';

export { analyzeExchange, analyzeReadResult, createMapContext, modelOf, type MapContext } from './analyze-exchange.ts';
export { emptyAggregate, mergeInto, FINDINGS_CAP, type Aggregate } from './aggregate.ts';
export { finalizeReport } from './finalize.ts';
export { parseDuration, parseRateLimits } from './headers.ts';
export { reassemble } from './streams.ts';
export { schemaClosure } from './closure.ts';
export { walk } from './walk.ts';
export { SchemaViews } from './schema-view.ts';

/** Options for `analyzeInputs`; all optional. */
export interface AnalyzeOptions {
  read?: ReadOptions;
  /** Run Ajv for the keywords the walker does not cover (default true). */
  validate?: boolean;
  redactHeaders?: readonly string[];
  /** Called after each file (progress bars). */
  onFile?: (result: ReadResult, aggregate: Aggregate) => void;
}

/**
 * Analyses every cassette under `inputs`, file by file (memory stays bounded by the aggregate's
 * caps, not by the corpus size), and returns the finished report.
 */
export async function analyzeInputs(inputs: readonly string[], spec: SpecIndex, options: AnalyzeOptions = {}): Promise<Report> {
  const ctx: MapContext = createMapContext(spec, {
    ...(options.validate === undefined ? {} : { validate: options.validate }),
    ...(options.redactHeaders ? { redactHeaders: options.redactHeaders } : {}),
  });
  const total = emptyAggregate();
  for await (const result of readInputs(inputs, options.read ?? {})) {
    analyzeReadResult(ctx, result, total);
    options.onFile?.(result, total);
  }
  return finalizeReport(total, spec, ctx.views, [...inputs]);
}
