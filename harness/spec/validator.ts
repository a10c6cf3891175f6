/**
 * Ajv validators for schemas of the normalised document, compiled lazily (one schema at a time,
 * on first use) and cached across runs as Ajv standalone code keyed by the spec's sha256, so a
 * cold run that touches three schemas loads three small files instead of compiling the world.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { pruneCacheSiblings, touchCacheEntry, VALIDATOR_CACHE } from '../core/cache-prune.ts';
import { FORMATS, FORMATS_MODULE } from './formats.ts';
import { toOurPath } from './issues.ts';
import { NORMALISE_VERSION } from './normalise.ts';
import type { SchemaChoice, ValidationIssue } from './types.ts';

/** Bump when Ajv options or the generated code change: old cached validators are then ignored (NORMALISE_VERSION is in the directory name too). */
export const VALIDATOR_CACHE_VERSION = 2;
const DOCUMENT_ID = 'fieldwork-openapi';
const requireHere = createRequire(import.meta.url);
// The CommonJS module is the function itself (with `.default` pointing at it too).
type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
const standaloneCode: StandaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ?? standaloneModule) as unknown as StandaloneCode;

/** Schemas compiled and cached together: the members of one stream-event union. */
export interface ValidatorGroup {
  key: string;
  pointers: string[];
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');
const exportName = (pointer: string): string => `v_${hashOf(pointer).slice(0, 16)}`;

/** Where compiled validators of one spec live. */
export function validatorCacheDir(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'validators', `${sha256.slice(0, 32)}-n${NORMALISE_VERSION}-v${VALIDATOR_CACHE_VERSION}`);
}

/** Counters so tests and benchmarks can see where validators came from. */
export interface ValidatorStats {
  compiled: number;
  loadedFromCache: number;
  failed: number;
}

/** Lazily compiles and caches validators for one spec. */
export class Validators {
  readonly stats: ValidatorStats = { compiled: 0, loadedFromCache: 0, failed: 0 };
  private ajv: Ajv2020 | null = null;
  private readonly functions = new Map<string, ValidateFunction | Error>();
  /** This run has marked its cache directory as used (or written to it, which does the same). */
  private cacheUsed = false;

  constructor(
    private readonly document: Record<string, unknown>,
    private readonly formats: readonly string[],
    private readonly cacheDir: string | null,
  ) {}

  private instance(): Ajv2020 {
    if (this.ajv) return this.ajv;
    const ajv = new Ajv2020({
      strict: false, // `x-` extensions, `example`, `discriminator` are annotations here
      allErrors: true,
      allowUnionTypes: true,
      validateSchema: false,
      unicodeRegExp: false,
      code: { source: true, formats: _`require(${FORMATS_MODULE})` },
    });
    for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
    for (const name of this.formats) if (!(name in FORMATS)) ajv.addFormat(name, true);
    ajv.addSchema(this.document, DOCUMENT_ID, undefined, false);
    this.ajv = ajv;
    return ajv;
  }

  private file(key: string): string | null {
    if (!this.cacheDir) return null;
    return join(this.cacheDir, `${hashOf(key).slice(0, 24)}.cjs`);
  }

  /** Loads a cached module: export name -> validator; null when missing or damaged. */
  private fromCache(file: string): Record<string, ValidateFunction> | null {
    let code: string;
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    const module = { exports: {} as Record<string, ValidateFunction> };
    const req = (id: string): unknown => (id === FORMATS_MODULE ? FORMATS : requireHere(id));
    try {
      new Function('require', 'module', 'exports', code)(req, module, module.exports);
    } catch {
      return null; // a damaged cache file is recompiled, never fatal
    }
    return module.exports;
  }

  private toCache(file: string, exports: Record<string, string>): void {
    // The first write of a run that finds no directory creates this spec's cache: older ones go.
    const created = !this.cacheUsed && this.cacheDir !== null && !existsSync(this.cacheDir);
    try {
      writeFileAtomic(file, standaloneCode(this.instance(), exports));
    } catch {
      // The cache is an optimisation; a read-only disk only costs the next run a compile.
      return;
    }
    this.cacheUsed = true;
    if (created && this.cacheDir) pruneCacheSiblings(this.cacheDir, VALIDATOR_CACHE);
  }

  /** A run that only reads the cache still marks it used, so pruning keeps it. */
  private markUsed(): void {
    if (this.cacheUsed || !this.cacheDir) return;
    this.cacheUsed = true;
    touchCacheEntry(this.cacheDir);
  }

  /**
   * The validator for a schema pointer, or the Error that stopped it compiling. With a group
   * (the members of one stream-event union), all members are compiled together and cached as
   * one module, so the schema they share (`Response` in every Responses event) is stored once.
   */
  get(pointer: string, group?: ValidatorGroup): ValidateFunction | Error {
    const known = this.functions.get(pointer);
    if (known) return known;
    const unit = group && group.pointers.includes(pointer) ? group : { key: pointer, pointers: [pointer] };
    const file = this.file(`${unit.key}\n${unit.pointers.join('\n')}`);
    const cached = file ? this.fromCache(file) : null;
    if (cached && typeof cached[exportName(pointer)] === 'function') {
      this.markUsed();
      for (const member of unit.pointers) {
        const fn = cached[exportName(member)];
        if (fn && !this.functions.has(member)) {
          this.functions.set(member, fn);
          this.stats.loadedFromCache++;
        }
      }
      return this.functions.get(pointer) as ValidateFunction;
    }
    const exports: Record<string, string> = {};
    for (const member of unit.pointers) {
      if (this.functions.has(member) && member !== pointer) continue;
      let fn: ValidateFunction | Error;
      try {
        const compiled = this.instance().getSchema(`${DOCUMENT_ID}${member}`);
        if (!compiled) throw new Error(`no schema at ${member}`);
        fn = compiled;
        this.stats.compiled++;
        exports[exportName(member)] = `${DOCUMENT_ID}${member}`;
      } catch (error) {
        fn = error instanceof Error ? error : new Error(String(error));
        this.stats.failed++;
      }
      this.functions.set(member, fn);
    }
    if (file && Object.keys(exports).length > 0) this.toCache(file, exports);
    return this.functions.get(pointer) as ValidateFunction | Error;
  }

  /** Validates; a schema that does not compile yields one `compile` issue instead of a throw. */
  validate(choice: SchemaChoice, value: unknown, group?: ValidatorGroup): ValidationIssue[] {
    if (typeof choice.schema === 'boolean') {
      return choice.schema ? [] : [{ path: '', keyword: 'false schema', message: 'no value is allowed here', params: {} }];
    }
    const fn = this.get(choice.pointer, group);
    if (fn instanceof Error) {
      return [{ path: '', keyword: 'compile', message: `schema ${choice.name ?? choice.pointer} does not compile: ${fn.message}`, params: { pointer: choice.pointer } }];
    }
    try {
      if (fn(value)) return [];
      return (fn.errors ?? []).map(toIssue);
    } catch (error) {
      return [{ path: '', keyword: 'exception', message: `validator threw: ${(error as Error).message}`, params: {} }];
    }
  }
}

function toIssue(error: ErrorObject): ValidationIssue {
  const issue: ValidationIssue = {
    path: toOurPath(error.instancePath),
    keyword: error.keyword,
    message: error.message ?? error.keyword,
    params: { ...error.params },
    schemaPath: error.schemaPath,
  };
  const property = (error.params as Record<string, unknown>)['missingProperty'] ?? (error.params as Record<string, unknown>)['additionalProperty'] ?? (error.params as Record<string, unknown>)['unevaluatedProperty'];
  if (typeof property === 'string') issue.field = issue.path ? `${issue.path}.${property}` : property;
  return issue;
}
