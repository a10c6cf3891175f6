/**
 * fieldwork's public API. Stages, in pipeline order: record -> read -> spec -> map -> report.
 */
export * from './core/config.ts';
export * from './core/errors.ts';
export type * from './core/exchange.ts';
export * from './core/finding.ts';
export * from './core/report.ts';
export { parseSse, looksLikeSse, DONE } from './core/sse.ts';
export { defineScenario, expandMatrix, discoverScenarios, variantSlug } from './scenario/index.ts';
export type { ScenarioDefinition, ScenarioContext, Variant, VariantParams, Matrix, MatrixValue } from './scenario/types.ts';
export { runScenarios, type RunOptions, type RunSummary, type VariantResult, type VariantStatus } from './record/runner.ts';
export { cassettePath, type CassetteMeta } from './record/index.ts';
export { readFile, readBytes, readInputs, listInputs, READ_FORMATS, type ReadFormat, type ReadOptions } from './read/index.ts';
export type * from './spec/types.ts';
export { loadSpec, checkExamples, syncSpec, readSpecLock, type LoadSpecOptions, type LoadedSpec, type ExampleReport, type ExampleCheck, type SpecLock } from './spec/index.ts';
export { analyzeInputs, analyzeReadResult, analyzeExchange, createMapContext, emptyAggregate, mergeInto, finalizeReport, parseRateLimits, parseDuration, reassemble, FINDINGS_CAP, type AnalyzeOptions, type Aggregate, type MapContext } from './map/index.ts';
