import { parseDocument, type ScalarTag, type CollectionTag, type YAMLSeq } from 'yaml';

function fromBase64(text: string): Uint8Array {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64');
}

/** multidict's case-insensitive header name: a one-item sequence holding the name. */
function istr(seq: unknown): unknown {
  const items = (seq as YAMLSeq).items;
  const first = Array.isArray(items) ? items[0] : undefined;
  return typeof first === 'object' && first !== null && 'value' in first ? String(first.value) : String(first ?? '');
}

/**
 * Tags found in cassettes, each resolved to plain data without executing anything: Python's
 * `!!python/object/{apply,new}:multidict._multidict.istr` header keys become their string,
 * `!!binary` (VCR.py) and `!binary` (Ruby VCR) become bytes. Any other tag only raises a warning
 * and keeps its plain value.
 */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = [
  { tag: 'tag:yaml.org,2002:python/object/apply:multidict._multidict.istr', collection: 'seq', resolve: istr } as CollectionTag,
  { tag: 'tag:yaml.org,2002:python/object/new:multidict._multidict.istr', collection: 'seq', resolve: istr } as CollectionTag,
  { tag: 'tag:yaml.org,2002:binary', resolve: fromBase64 } as ScalarTag,
  { tag: '!binary', resolve: fromBase64 } as ScalarTag,
];

/** The plain JS value of a YAML document, or where it first broke. */
export interface YamlResult {
  value: unknown;
  /** First parse error as `CODE at line L, column C` (never quoting the source). */
  error?: string;
  /** Offset of the first error in the source. */
  errorOffset?: number;
}

/** Parses one YAML document safely; errors are data, not exceptions. */
export function loadYaml(text: string): YamlResult {
  const doc = parseDocument(text, {
    customTags: CUSTOM_TAGS,
    prettyErrors: false,
    uniqueKeys: false,
    logLevel: 'silent',
  });
  const first = doc.errors[0];
  if (first) {
    // Line and column are worked out only on error (a LineCounter would cost every parse).
    const before = text.slice(0, first.pos[0]);
    const line = before.split('\n').length;
    const at = ` at line ${line}, column ${first.pos[0] - before.lastIndexOf('\n')}`;
    return { value: null, error: `${first.code}${at}`, errorOffset: first.pos[0] };
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }) };
}
