import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FieldworkError } from '../core/errors.ts';
import type { ScenarioDefinition } from './types.ts';

/** A scenario file found on disk and loaded. */
export interface DiscoveredScenario {
  file: string;
  scenario: ScenarioDefinition;
}

/** `chat-*` -> RegExp; `*` stays inside one path segment, `**` crosses them, `?` is one character. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * True when a recording name matches any of the globs (all match when there are none). A glob
 * without `/` selects whole scenarios by id; one with `/` selects single variants
 * (`chat-basic/model=gpt-4o-mini,*`). A bare scenario id matches a `/` glob on its first segment.
 */
export function matchesGlobs(name: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return true;
  const [id = name] = name.split('/');
  return globs.some((glob) => {
    if (!glob.includes('/')) return globToRegExp(glob).test(id);
    if (!name.includes('/')) return globToRegExp(glob.split('/')[0] ?? glob).test(id);
    return globToRegExp(glob).test(name);
  });
}

/** Scenario files in `dir`: `*.ts`, one scenario each, not tests or declarations, sorted. */
export function listScenarioFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * Loads every scenario in `dir` whose id matches the globs (all when none are given). Each file
 * must default-export `defineScenario(...)` with an id equal to its file name.
 */
export async function discoverScenarios(dir: string, globs: readonly string[] = []): Promise<DiscoveredScenario[]> {
  const found: DiscoveredScenario[] = [];
  for (const file of listScenarioFiles(dir)) {
    const id = basename(file, '.ts');
    if (!matchesGlobs(id, globs)) continue;
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw new FieldworkError('E_SCENARIO', `Cannot load scenario ${file}: ${(error as Error).message}`, { cause: error });
    }
    const scenario = module.default as ScenarioDefinition | undefined;
    if (!scenario || typeof scenario !== 'object' || typeof scenario.run !== 'function') {
      throw new FieldworkError('E_SCENARIO', `${file} must \`export default defineScenario({ ... })\`.`);
    }
    if (scenario.id !== id) {
      throw new FieldworkError('E_SCENARIO', `${file} declares id "${scenario.id}"; rename the file or the id so they are equal.`);
    }
    found.push({ file, scenario });
  }
  return found;
}
