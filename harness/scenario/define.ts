import { FieldworkError } from '../core/errors.ts';
import type { ScenarioDefinition } from './types.ts';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Declares a scenario (the default export of `scenarios/<id>.ts`). Validates the shape at load
 * time so a typo fails with the file's id instead of deep inside a recording run.
 */
export function defineScenario<T extends ScenarioDefinition>(definition: T): T {
  const { id } = definition;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new FieldworkError(
      'E_SCENARIO',
      `Scenario id ${JSON.stringify(id)} is not kebab-case. Use lower-case words joined by "-", equal to the file name.`,
    );
  }
  if (typeof definition.run !== 'function') {
    throw new FieldworkError('E_SCENARIO', `Scenario "${id}" has no run(ctx) function. Add one that drives ctx.client.`);
  }
  const endpoints = typeof definition.endpoint === 'string' ? [definition.endpoint] : definition.endpoint;
  if (!Array.isArray(endpoints) || endpoints.length === 0) {
    throw new FieldworkError('E_SCENARIO', `Scenario "${id}" needs an endpoint such as "POST /v1/chat/completions".`);
  }
  for (const endpoint of endpoints) {
    if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/.test(endpoint)) {
      throw new FieldworkError(
        'E_SCENARIO',
        `Scenario "${id}": endpoint ${JSON.stringify(endpoint)} must look like "POST /v1/chat/completions".`,
      );
    }
  }
  return definition;
}
