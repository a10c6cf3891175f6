import type { FieldworkConfig } from '../core/config.ts';
import { FieldworkError } from '../core/errors.ts';
import type { Matrix, MatrixValue, ScenarioDefinition, Variant, VariantParams } from './types.ts';

/** Name of the single variant of a scenario without a matrix (or with an empty one). */
export const DEFAULT_VARIANT = 'default';

/** Characters that are unsafe in file names on some OS (and `,`/`=` which the name syntax uses). */
const UNSAFE = /[^A-Za-z0-9._@+-]/g;

/** `gpt-4o-mini` -> `gpt-4o-mini`, `openai/gpt 4` -> `openai_gpt_4`; readable and file-safe. */
export function formatMatrixValue(value: MatrixValue): string {
  const text = value === null ? 'null' : String(value);
  return text.replace(UNSAFE, '_') || '_';
}

/**
 * The variant part of a recording name: `model=gpt-4o-mini,stream=true` (keys sorted so the
 * name does not depend on the order a scenario author typed them in).
 */
export function variantSlug(params: VariantParams): string {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return DEFAULT_VARIANT;
  return keys.map((key) => `${key}=${formatMatrixValue(params[key] ?? null)}`).join(',');
}

/** The scenario's matrix, resolving a config-built one. */
export function resolveMatrix(scenario: ScenarioDefinition, config: FieldworkConfig): Matrix {
  const { matrix } = scenario;
  if (matrix === undefined) return {};
  return typeof matrix === 'function' ? matrix(config) : matrix;
}

/**
 * Expands the matrix into variants: the cartesian product over keys in sorted order, values in
 * the order declared. Deterministic across runs and machines; duplicate names are misuse.
 */
export function expandMatrix(scenario: ScenarioDefinition, config: FieldworkConfig): Variant[] {
  const matrix = resolveMatrix(scenario, config);
  const keys = Object.keys(matrix).sort();
  let cells: VariantParams[] = [{}];
  for (const key of keys) {
    const values = matrix[key] ?? [];
    if (values.length === 0) {
      throw new FieldworkError('E_SCENARIO', `Scenario "${scenario.id}": matrix axis "${key}" has no values. Give it at least one.`);
    }
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [key]: value })));
  }
  const seen = new Set<string>();
  return cells.map((params) => {
    const name = `${scenario.id}/${variantSlug(params)}`;
    if (seen.has(name)) {
      throw new FieldworkError(
        'E_SCENARIO',
        `Scenario "${scenario.id}": two matrix cells share the recording name "${name}". Make the values distinct.`,
      );
    }
    seen.add(name);
    return { scenarioId: scenario.id, params, name };
  });
}
