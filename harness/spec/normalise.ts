/**
 * Rewrites the OpenAPI document so Ajv's draft 2020-12 dialect compiles every schema while the
 * meaning stays the same. The official spec declares 3.1 but still carries 3.0-isms (`nullable`,
 * boolean `exclusiveMinimum`), draft 2019 `$recursiveRef`, duplicate `required` entries; the 3.0
 * history spec is all 3.0. Works in place on a freshly parsed document.
 */

import { isRecord } from '../core/json.ts';

type Node = Record<string, unknown>;

/** Bump when normalisation changes: cached documents and validators of older versions are ignored. */
export const NORMALISE_VERSION = 4;

/** What the normaliser rewrote, so a report can say how messy a spec was. */
export interface NormaliseStats {
  nullable: number;
  exclusiveBounds: number;
  recursiveRefs: number;
  duplicateRequired: number;
  itemsArrays: number;
  /** Every `format` value seen in a schema, so validation can register the unknown ones. */
  formats: string[];
  /**
   * Keywords that are neither JSON Schema 2020-12, OpenAPI, nor `x-` extensions, as
   * `pointer keyword` (e.g. `min_items` where `minItems` was meant). They are kept and, like any
   * unknown keyword, assert nothing: the spec is validated as written, not as intended.
   */
  strayKeywords: string[];
}


/** Keywords whose value is one subschema. */
const SINGLE = ['additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems', 'items'];
/** Keywords whose value is a map of subschemas. */
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is an array of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keys that only annotate; a schema made of these alone accepts anything. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'nullable', 'discriminator', 'externalDocs', '$comment']);

/** JSON Schema 2020-12 keywords plus OpenAPI's own schema keywords. */
const KNOWN = new Set([
  '$schema', '$id', '$ref', '$defs', '$anchor', '$dynamicRef', '$dynamicAnchor', '$comment', '$vocabulary', 'definitions',
  'type', 'enum', 'const', 'properties', 'patternProperties', 'additionalProperties', 'required', 'items', 'prefixItems',
  'additionalItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems', 'minLength',
  'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'propertyNames', 'allOf', 'anyOf', 'oneOf',
  'not', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', 'title', 'description', 'default',
  'deprecated', 'readOnly', 'writeOnly', 'examples', 'contentMediaType', 'contentEncoding', 'contentSchema',
  'nullable', 'discriminator', 'xml', 'externalDocs', 'example',
]);

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const NULL_SCHEMA = (): Node => ({ type: 'null' });

function onlyAnnotations(node: Node): boolean {
  return Object.keys(node).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
}

/** True when a (normalised) schema visibly accepts null: its type allows it or a union branch does. */
function acceptsNull(schema: unknown): boolean {
  if (!isRecord(schema)) return schema === true;
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  return ['anyOf', 'oneOf'].some((k) => Array.isArray(schema[k]) && (schema[k] as unknown[]).some(acceptsNull));
}

class Normaliser {
  readonly stats: NormaliseStats = { nullable: 0, exclusiveBounds: 0, recursiveRefs: 0, duplicateRequired: 0, itemsArrays: 0, formats: [], strayKeywords: [] };
  private readonly formats = new Set<string>();

  schema(node: unknown, pointer: string, anchor: string | null): void {
    if (!isRecord(node)) return;
    if (node['$recursiveAnchor'] === true) anchor = pointer;
    delete node['$recursiveAnchor'];
    if (typeof node['$recursiveRef'] === 'string') {
      // Only `#` occurs: it means the nearest enclosing schema that set `$recursiveAnchor`.
      node['$ref'] = anchor ?? '#';
      delete node['$recursiveRef'];
      this.stats.recursiveRefs++;
    }
    // `allOf: [{$ref}, {nullable: true}]`: the bare nullable member means "or null". Settled
    // before the members are walked, or the member would be normalised into an empty `{}`.
    const allOf = node['allOf'];
    const bare = (m: unknown): boolean => isRecord(m) && m['nullable'] === true && onlyAnnotations(m);
    if (Array.isArray(allOf) && allOf.some(bare)) {
      const rest = allOf.filter((m) => !bare(m));
      if (rest.length > 0) node['allOf'] = rest;
      else delete node['allOf'];
      node['nullable'] = true;
    }
    if (Array.isArray(node['items'])) {
      node['prefixItems'] = node['items'];
      delete node['items'];
      this.stats.itemsArrays++;
    }
    for (const key of SINGLE) if (isRecord(node[key])) this.schema(node[key], `${pointer}/${key}`, anchor);
    for (const key of MAPS) {
      const map = node[key];
      if (isRecord(map)) for (const [name, sub] of Object.entries(map)) this.schema(sub, `${pointer}/${key}/${escape(name)}`, anchor);
    }
    for (const key of LISTS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((sub, i) => this.schema(sub, `${pointer}/${key}/${i}`, anchor));
    }
    this.bounds(node);
    if (Array.isArray(node['required'])) {
      const unique = [...new Set(node['required'])];
      if (unique.length !== node['required'].length) this.stats.duplicateRequired++;
      node['required'] = unique;
    }
    if (typeof node['format'] === 'string') this.formats.add(node['format']);
    for (const key of Object.keys(node)) if (!KNOWN.has(key) && !key.startsWith('x-')) this.stats.strayKeywords.push(`${pointer} ${key}`);
    this.nullable(node);
  }

  /** 3.0 `exclusiveMinimum: true` + `minimum: n` is 2020's `exclusiveMinimum: n`. */
  private bounds(node: Node): void {
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof node[flag] !== 'boolean') continue;
      this.stats.exclusiveBounds++;
      if (node[flag] === true && typeof node[bound] === 'number') {
        node[flag] = node[bound];
        delete node[bound];
      } else delete node[flag];
    }
  }

  /** 3.0 `nullable: true` becomes an explicit `null` branch; the rest of the schema is kept. */
  private nullable(node: Node): void {
    const nullable = node['nullable'] === true;
    delete node['nullable'];
    if (!nullable) return;
    this.stats.nullable++;
    const type = node['type'];
    if (!('$ref' in node) && !('allOf' in node) && (typeof type === 'string' || Array.isArray(type))) {
      const types = Array.isArray(type) ? type : [type];
      if (!types.includes('null')) node['type'] = [...types, 'null'];
      if (Array.isArray(node['enum']) && !node['enum'].includes(null)) node['enum'] = [...node['enum'], null];
      return;
    }
    const assertions = Object.keys(node).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
    if (assertions.length === 1 && (assertions[0] === 'anyOf' || assertions[0] === 'oneOf') && Array.isArray(node[assertions[0]])) {
      const branches = node[assertions[0]] as unknown[];
      // A branch that already takes null makes the union nullable; a second null branch would make
      // `oneOf` reject null (two matches).
      if (!branches.some(acceptsNull)) node[assertions[0]] = [...branches, NULL_SCHEMA()];
      return;
    }
    if (assertions.length === 0) return; // accepts anything already, null included
    // `$ref` + nullable, `allOf` + nullable, or a mix: every assertion goes into one branch beside `null`.
    let branch: Node = {};
    for (const key of assertions) {
      branch[key] = node[key];
      delete node[key];
    }
    const only = branch['allOf'];
    if (assertions.length === 1 && Array.isArray(only) && only.length === 1 && isRecord(only[0])) branch = only[0];
    node['anyOf'] = [branch, NULL_SCHEMA()];
  }

  /** Walks the non-schema part of the document; every `schema` key holds a schema. */
  openapi(node: unknown, pointer: string): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => this.openapi(item, `${pointer}/${i}`));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-') || key === 'example' || key === 'examples') continue;
      const child = `${pointer}/${escape(key)}`;
      if (key === 'schema' && isRecord(value)) this.schema(value, child, null);
      else this.openapi(value, child);
    }
  }

  finish(): NormaliseStats {
    this.stats.formats = [...this.formats].sort();
    return this.stats;
  }
}

/** Normalises `document` in place and says what changed. */
export function normaliseDocument(document: Record<string, unknown>): NormaliseStats {
  const normaliser = new Normaliser();
  const components = document['components'];
  if (isRecord(components)) {
    const schemas = components['schemas'];
    if (isRecord(schemas)) {
      for (const [name, schema] of Object.entries(schemas)) normaliser.schema(schema, `#/components/schemas/${escape(name)}`, null);
    }
    for (const [key, value] of Object.entries(components)) if (key !== 'schemas') normaliser.openapi(value, `#/components/${escape(key)}`);
  }
  normaliser.openapi(document['paths'], '#/paths');
  normaliser.openapi(document['webhooks'], '#/webhooks');
  return normaliser.finish();
}
