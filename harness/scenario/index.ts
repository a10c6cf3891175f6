/** The scenario DSL: what `scenarios/*.ts` import. */
export { defineScenario } from './define.ts';
export { expandMatrix, variantSlug, formatMatrixValue, resolveMatrix, DEFAULT_VARIANT } from './matrix.ts';
export { discoverScenarios, listScenarioFiles, matchesGlobs, globToRegExp, type DiscoveredScenario } from './discover.ts';
export type * from './types.ts';
