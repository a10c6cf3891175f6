import { CORE_SCHEMA, load, Type, YAMLException, type LoadOptions } from 'js-yaml';

/** Node's base64 decoder skips whitespace itself, so a block scalar's line breaks need no removal pass. */
function fromBase64(data: unknown): Uint8Array {
  return Buffer.from(String(data ?? ''), 'base64');
}

/** multidict's case-insensitive header name: a one-item sequence holding the name. */
function istr(data: unknown): string {
  const first = Array.isArray(data) ? (data[0] as unknown) : undefined;
  return typeof first === 'string' ? first : String(first ?? '');
}

/** Any other tag keeps its plain value (never a constructor: nothing in a cassette is executed). */
const plain = (kind: 'scalar' | 'sequence' | 'mapping'): Type =>
  new Type('', { kind, multi: true, construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {}) });

/**
 * Tags found in cassettes, each resolved to plain data without executing anything: Python's
 * `!!python/object/{apply,new}:multidict._multidict.istr` header keys become their string,
 * `!!binary` (VCR.py) and `!binary` (Ruby VCR) become bytes. Any other tag (`!ENV`,
 * `!!python/name:...`) keeps its plain value. CORE_SCHEMA, like the YAML 1.2 core schema the
 * `yaml` package used: no timestamps turned into Dates, no merge keys.
 */
const CASSETTE_SCHEMA = CORE_SCHEMA.extend([
  new Type('tag:yaml.org,2002:python/object/apply:multidict._multidict.istr', { kind: 'sequence', construct: istr }),
  new Type('tag:yaml.org,2002:python/object/new:multidict._multidict.istr', { kind: 'sequence', construct: istr }),
  new Type('tag:yaml.org,2002:binary', { kind: 'scalar', construct: fromBase64 }),
  new Type('!binary', { kind: 'scalar', construct: fromBase64 }),
  plain('scalar'),
  plain('sequence'),
  plain('mapping'),
]);

/** The plain JS value of a YAML document, or where it first broke. */
export interface YamlResult {
  value: unknown;
  /** First parse error as `CODE at line L, column C` (never quoting the source). */
  error?: string;
  /** Offset of the first error in the source. */
  errorOffset?: number;
}

/**
 * json: a repeated key keeps the last value (as `uniqueKeys: false` did) instead of failing.
 * maxDepth (js-yaml >= 4.2, not yet in @types/js-yaml): deep enough for any cassette, and an error
 * rather than a stack overflow for fuzzed input.
 */
const LOAD_OPTIONS = { schema: CASSETTE_SCHEMA, json: true, maxDepth: 1000 } as LoadOptions;

/** Expanded node count above which aliases are treated as an alias bomb (shared nodes count each use). */
const MAX_EXPANDED_NODES = 5_000_000;

/** Parses one YAML document safely; errors are data, not exceptions. */
export function loadYaml(text: string): YamlResult {
  let value: unknown;
  try {
    value = load(text, LOAD_OPTIONS);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const mark = error.mark as { line?: number; column?: number; position?: number } | undefined;
    const line = (mark?.line ?? 0) + 1;
    const column = (mark?.column ?? 0) + 1;
    return { value: null, error: `${errorCode(error.reason)} at line ${line}, column ${column}`, errorOffset: mark?.position ?? 0 };
  }
  // js-yaml shares an anchored node between its aliases; consumers walk the tree, so a document
  // whose aliases expand into millions of nodes is refused here, as the `yaml` package did.
  if (text.includes('&') && expandedSize(value, new Map(), 0) > MAX_EXPANDED_NODES) {
    const anchor = /(^|[\s[{,:-])&\S/m.exec(text);
    const at = anchor ? anchor.index + (anchor[1]?.length ?? 0) : 0;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { value: null, error: `ALIAS_EXPANSION_LIMIT at line ${line}, column ${at - before.lastIndexOf('\n')}`, errorOffset: at };
  }
  return { value };
}

/**
 * js-yaml's reason as an upper-case code (`bad indentation of a mapping entry` ->
 * `BAD_INDENTATION_OF_A_MAPPING_ENTRY`). Quoted parts and tags name input text, so they are dropped.
 */
function errorCode(reason: string | undefined): string {
  const words = (reason ?? 'invalid yaml')
    .replace(/"[^"]*"|'[^']*'|!<[^>]*>|\([^)]*\)/g, ' ')
    .replace(/[^A-Za-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return words.length > 0 ? words.slice(0, 80) : 'INVALID_YAML';
}

/** Nodes in the tree with every alias expanded (memoised per shared node, so linear in the tree). */
function expandedSize(value: unknown, seen: Map<object, number>, depth: number): number {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return 1;
  const known = seen.get(value);
  if (known !== undefined) return known;
  // A node seen on its own path (cannot happen in js-yaml output, but never recurse forever).
  if (depth > 2000) return MAX_EXPANDED_NODES + 1;
  seen.set(value, MAX_EXPANDED_NODES + 1);
  let size = 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    size += expandedSize(child, seen, depth + 1);
    if (size > MAX_EXPANDED_NODES) break;
  }
  seen.set(value, size);
  return size;
}
