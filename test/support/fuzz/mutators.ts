import type { Rng } from './prng.ts';

/**
 * Mutators for the fuzz tests: each turns one real cassette (read in place from ../shared/corpus)
 * into a broken variant. They work on bytes and text, not through our readers, so they can break
 * files in ways the readers never anticipated.
 */

/** A file to mutate: its name (kept so content sniffing still sees a realistic file) and bytes. */
export interface FuzzInput {
  name: string;
  bytes: Buffer;
  text: string;
  /** Parsed document when the whole file is JSON (test-proxy, dd-trace, bare bodies). */
  json: unknown;
}

/** What a test may expect from reading the mutated file. */
export type Expectation =
  /** At least one error, naming the file (entry may be null). */
  | 'error'
  /** At least one error naming an entry (the rest of the file is intact). */
  | 'entry-error'
  /** Anything except a crash: the mutation may or may not leave a valid file. */
  | 'no-crash';

export interface Mutated {
  /** File name for the mutated copy (same extension as the source, or `.har`). */
  name: string;
  bytes: Buffer;
  expect: Expectation;
  /** For HAR inputs: entry indexes the mutation did not touch (they must still be read). */
  intactEntries?: number[];
  /** Human-readable note on what was done, for failure messages. */
  note: string;
}

export interface Mutator {
  name: string;
  applies(input: FuzzInput): boolean;
  mutate(input: FuzzInput, rng: Rng): Mutated;
}

const isJsonDoc = (input: FuzzInput): boolean => input.json !== undefined && typeof input.json === 'object';

function withText(input: FuzzInput, text: string, expect: Expectation, note: string): Mutated {
  return { name: input.name, bytes: Buffer.from(text, 'utf8'), expect, note };
}

/** Paths to every node of a parsed JSON document (bounded, so huge documents stay cheap). */
function nodePaths(value: unknown, limit = 5000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ v: unknown; p: Array<string | number> }> = [{ v: value, p: [] }];
  while (stack.length > 0 && out.length < limit) {
    const { v, p } = stack.pop()!;
    if (p.length > 0) out.push(p);
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, p: [...p, i] }));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) stack.push({ v: item, p: [...p, k] });
  }
  return out;
}

/** Sets the value at `path`; a no-op when an earlier mutation already replaced an ancestor. */
function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

function getAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node;
}

/** A value of a different JSON type than `value`. */
function wrongType(value: unknown, rng: Rng): unknown {
  const options: unknown[] = [42, -1.5, 'not-a-' + typeof value, true, null, [], {}, [1, 'two'], { unexpected: 1 }];
  const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const others = options.filter((o) => kind(o) !== kind(value));
  return rng.pick(others);
}

/** Nested arrays/objects `depth` levels deep, built as text (JSON.stringify would recurse). */
function deepText(depth: number, rng: Rng): string {
  return rng.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const truncate: Mutator = {
  name: 'truncate',
  applies: (input) => input.bytes.length > 16,
  mutate(input, rng) {
    const trimmed = input.text.trimEnd().length;
    const cut = rng.range(1, Math.max(1, trimmed - 2));
    // A whole-JSON file cut short can no longer parse, so the reader must say so.
    const expect: Expectation = isJsonDoc(input) ? 'error' : 'no-crash';
    return { name: input.name, bytes: input.bytes.subarray(0, cut), expect, note: `cut at byte ${cut}/${input.bytes.length}` };
  },
};

const flipBytes: Mutator = {
  name: 'flip-bytes',
  applies: (input) => input.bytes.length > 0,
  mutate(input, rng) {
    const bytes = Buffer.from(input.bytes);
    const count = rng.range(1, 16);
    const at: number[] = [];
    for (let i = 0; i < count; i++) {
      const pos = rng.int(bytes.length);
      bytes[pos] = bytes[pos]! ^ (1 << rng.int(8));
      at.push(pos);
    }
    return { name: input.name, bytes, expect: 'no-crash', note: `flipped bytes at ${at.join(',')}` };
  },
};

const BAD_UTF8: readonly number[][] = [[0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]];

const invalidUtf8: Mutator = {
  name: 'invalid-utf8',
  applies: (input) => input.bytes.length > 0,
  mutate(input, rng) {
    const parts: Buffer[] = [];
    const count = rng.range(1, 6);
    const positions = Array.from({ length: count }, () => rng.int(input.bytes.length)).sort((a, b) => a - b);
    let last = 0;
    for (const pos of positions) {
      parts.push(input.bytes.subarray(last, pos), Buffer.from(rng.pick(BAD_UTF8)));
      last = pos;
    }
    parts.push(input.bytes.subarray(last));
    return { name: input.name, bytes: Buffer.concat(parts), expect: 'no-crash', note: `invalid UTF-8 at ${positions.join(',')}` };
  },
};

/** `"key": <scalar>` inside any text (JSON files, JSON bodies embedded in YAML strings). */
const JSON_SCALAR = /(\\?"[A-Za-z_][\w.-]*\\?"\s*:\s*)("(?:[^"\\\n]|\\.){0,64}"|-?\d+(?:\.\d+)?|true|false|null)/g;
/** `key: <scalar>` in YAML cassettes (status, code, duration, ...). */
const YAML_SCALAR = /^(\s*[A-Za-z_][\w-]*:[ ]+)(-?\d+|true|false|null)$/gm;

const wrongJsonTypes: Mutator = {
  name: 'wrong-json-types',
  applies: (input) => isJsonDoc(input) || JSON_SCALAR.test(input.text) || YAML_SCALAR.test(input.text),
  mutate(input, rng) {
    const count = rng.range(1, 5);
    if (isJsonDoc(input)) {
      const doc = structuredClone(input.json);
      const paths = nodePaths(doc);
      const changed: string[] = [];
      for (let i = 0; i < count && paths.length > 0; i++) {
        const path = rng.pick(paths);
        setAt(doc, path, wrongType(getAt(doc, path), rng));
        changed.push(path.join('.'));
      }
      return withText(input, JSON.stringify(doc, null, 2), 'no-crash', `wrong types at ${changed.join(', ')}`);
    }
    const regex = rng.chance(0.5) && YAML_SCALAR.test(input.text) ? YAML_SCALAR : JSON_SCALAR;
    const matches = [...input.text.matchAll(new RegExp(regex.source, regex.flags))];
    const chosen = new Set(Array.from({ length: count }, () => rng.int(matches.length)));
    let text = '';
    let last = 0;
    matches.forEach((m, i) => {
      if (!chosen.has(i) || m.index === undefined) return;
      const start = m.index + m[1]!.length;
      const quoted = m[1]!.startsWith('\\');
      const original = m[2]!;
      let replacement = original.startsWith('"') ? String(rng.range(0, 99999)) : rng.pick(['[1]', '{}', '"x"', 'null']);
      if (quoted) replacement = replacement.replace(/"/g, '\\"');
      text += input.text.slice(last, start) + replacement;
      last = start + original.length;
    });
    text += input.text.slice(last);
    return withText(input, text, 'no-crash', `wrong scalar types at ${chosen.size} places`);
  },
};

const hugeStrings: Mutator = {
  name: 'huge-strings',
  applies: (input) => isJsonDoc(input) || /"[^"\n]{3,}"/.test(input.text),
  mutate(input, rng) {
    const size = rng.range(256 * 1024, 2 * 1024 * 1024);
    const filler = 'x'.repeat(size);
    if (isJsonDoc(input)) {
      const doc = structuredClone(input.json);
      const strings = nodePaths(doc).filter((p) => typeof getAt(doc, p) === 'string');
      const path = strings.length > 0 ? rng.pick(strings) : ['huge'];
      setAt(doc, path, filler);
      return withText(input, JSON.stringify(doc, null, 2), 'no-crash', `${size}-char string at ${path.join('.')}`);
    }
    const matches = [...input.text.matchAll(/"[^"\n\\]{3,}"/g)];
    const m = rng.pick(matches);
    const start = m.index! + 1;
    const text = input.text.slice(0, start) + filler + input.text.slice(start + m[0].length - 2);
    return withText(input, text, 'no-crash', `${size}-char string at offset ${start}`);
  },
};

const deepNesting: Mutator = {
  name: 'deep-nesting',
  applies: (input) => isJsonDoc(input) || /\\?"[A-Za-z_]\w*\\?"\s*:/.test(input.text),
  mutate(input, rng) {
    const depth = rng.range(2_000, 50_000);
    const deep = deepText(depth, rng);
    if (isJsonDoc(input)) {
      // Splice the deep value in as text: serialising it through JSON.stringify would itself recurse.
      const doc = structuredClone(input.json);
      const paths = nodePaths(doc);
      const path = paths.length > 0 ? rng.pick(paths) : ['deep'];
      setAt(doc, path, '__FUZZ_DEEP__');
      const text = JSON.stringify(doc, null, 2).replace('"__FUZZ_DEEP__"', deep);
      return withText(input, text, 'no-crash', `depth ${depth} at ${path.join('.')}`);
    }
    // Insert a deep member after a JSON key inside an embedded body (escaped quotes stay escaped).
    const matches = [...input.text.matchAll(/(\\?)"[A-Za-z_]\w*\\?"\s*:\s*/g)];
    const m = rng.pick(matches);
    const at = m.index! + m[0].length;
    const q = m[1] === '\\' ? '\\"' : '"';
    const text = `${input.text.slice(0, at)}{${q}deep${q}:${deep},${q}was${q}:${input.text.slice(at)}`;
    // The closing brace for the wrapper is missing on purpose half the time: broken and deep at once.
    return withText(input, text, 'no-crash', `depth ${depth} at offset ${at}`);
  },
};

const GZIP_BASE64 = /H4sI[A-Za-z0-9+/=\r\n ]{40,}/g;

const badGzip: Mutator = {
  name: 'bad-gzip',
  applies: (input) => /H4sI[A-Za-z0-9+/=\r\n ]{40,}/.test(input.text),
  mutate(input, rng) {
    const matches = [...input.text.matchAll(GZIP_BASE64)];
    const m = rng.pick(matches);
    const blob = m[0];
    let broken: string;
    if (rng.chance(0.5)) {
      // Truncate the gzip stream but keep the base64 well-formed (length multiple of 4).
      const clean = blob.replace(/[\r\n ]/g, '');
      const keep = Math.max(8, Math.floor((clean.length * rng.range(20, 80)) / 100 / 4) * 4);
      broken = clean.slice(0, keep);
    } else {
      // Scramble base64 characters in the deflate payload (past the 10-byte header): CRC fails.
      const chars = [...blob];
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      for (let i = 0; i < 24; i++) {
        const pos = rng.range(16, Math.max(16, chars.length - 8));
        if (/[A-Za-z0-9+/]/.test(chars[pos] ?? '')) chars[pos] = rng.pick([...alphabet]);
      }
      broken = chars.join('');
    }
    const text = input.text.slice(0, m.index!) + broken + input.text.slice(m.index! + blob.length);
    return withText(input, text, 'entry-error', `corrupted gzip body at offset ${m.index}`);
  },
};

const sseWithoutBlankLines: Mutator = {
  name: 'sse-without-blank-lines',
  applies: (input) => /data: ?[{[]/.test(input.text),
  mutate(input, rng) {
    let text = input.text
      .replace(/\r?\n\r?\n(?=(data|event|id):)/g, '\n') // raw SSE
      .replace(/(\\r)?\\n(\\r)?\\n(?=(data|event|id):)/g, '\\n') // SSE inside a JSON/YAML-quoted string
      .replace(/\n\s*\n(\s+)(?=(data|event):)/g, '\n$1'); // folded YAML scalars keep events apart with blank lines
    // Azure test-proxy stores SSE as a list of lines; the blank separators are "" items.
    text = text.replace(/,\s*""(?=\s*[,\]])/g, '');
    if (rng.chance(0.3)) text = text.replace(/data: \[DONE\]/g, '');
    return withText(input, text, 'no-crash', 'removed blank lines between SSE events');
  },
};

/** The format-agnostic mutators (har.ts adds the HAR-specific one). */
export const BYTE_MUTATORS: readonly Mutator[] = [
  truncate,
  flipBytes,
  invalidUtf8,
  wrongJsonTypes,
  hugeStrings,
  deepNesting,
  badGzip,
  sseWithoutBlankLines,
];
