import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathTokens } from '../harness/report/field-tree.ts';
import { copyDefs, reachable } from '../harness/typegen/closure.ts';
import { staleGenerated, writeGenerated } from '../harness/typegen/files.ts';
import { miniDocument, miniReport } from '../harness/typegen/fixtures/mini-spec.ts';
import { generateTypes } from '../harness/typegen/generate.ts';
import { editAt, leaves, resolvePath } from '../harness/typegen/schema-walk.ts';
import { tempDir } from './support/temp-dir.ts';

describe('typegen on a tiny spec', async () => {
  const result = await generateTypes(miniReport, miniDocument);
  const spec = result.files.get('spec.ts') ?? '';
  const observed = result.files.get('observed.ts') ?? '';

  it('compiles only the schemas seen and what they reference', () => {
    expect(result.roots).toEqual(['Reply', 'StreamEvent']);
    expect(reachable(miniDocument, ['Reply'])).toEqual(['Choice', 'Reply']);
    expect(spec).not.toContain('Unused');
  });

  it('keeps | null and discriminated unions in both spec and observed types', () => {
    expect(spec).toMatch(/content: string \| null/);
    expect(spec).toMatch(/export type StreamEvent = DeltaEvent \| DoneEvent/);
    expect(spec).toMatch(/type: 'delta'/);
    expect(observed).toMatch(/export type ObservedStreamEvent = ObservedDeltaEvent \| ObservedDoneEvent/);
  });

  it.each([
    ['an undocumented top-level field, with counts', /@undocumented Seen in 2 of 2 payloads \(number 2\)[^\n]*\n[^\n]*\*\/\n\s*usage_cost\?: number;/],
    ['a nested undocumented object and its field', /reasoning\?: \{[\s\S]*?summary\?: string;[\s\S]*?\[k: string\]: unknown;/],
    ['null where the spec forbids it', /@observed null in 1 payloads[\s\S]*?fingerprint\?: string \| null;/],
    ['a new enum value', /tier: \('auto' \| 'default'\) \| 'priority';/],
    ['a missing required field made optional', /content\?: string \| null;/],
    ['an undocumented field on every branch of a union', /ObservedDoneEvent \{[\s\S]*?obfuscation\?: string;/],
  ])('observed types graft %s', (_name, pattern) => {
    expect(observed).toMatch(pattern);
  });

  it('grafts undocumented fields below a documented field whose type was widened', async () => {
    const report = structuredClone(miniReport);
    const fields = report.observations[0]!.fields;
    fields.find((f) => f.path === 'id')!.types = { string: 1, array: 1 };
    fields.push({ ...fields[8]!, path: 'id[]', types: { object: 1 } }, { ...fields[8]!, path: 'id[].text', types: { string: 1 } });
    const out = await generateTypes(report, miniDocument);
    expect(out.graft.unplaced).toEqual([]);
    expect(out.files.get('observed.ts')).toMatch(/id:\s*\|\s*string\s*\|\s*\{\s*\/\*\*[\s\S]*?text\?: string;[\s\S]*?\}\[\];/);
  });

  it('merges the types of an undocumented field that two groups reach through one component', async () => {
    const report = structuredClone(miniReport);
    const other = structuredClone(report.observations[0]!);
    other.key = 'GET /reply';
    other.operation = 'GET /reply';
    other.fields = other.fields.filter((f) => f.path !== 'usage_cost');
    other.fields.push({ ...report.observations[0]!.fields[8]!, types: { null: 1 } });
    report.observations.unshift(other); // null seen first, numbers later
    const out = await generateTypes(report, miniDocument);
    expect(out.files.get('observed.ts')).toMatch(/usage_cost\?: null \| number;/);
  });

  it('names an inline response body after its operation and types it too', async () => {
    const report = structuredClone(miniReport);
    report.observations.push({ ...structuredClone(report.observations[0]!), key: 'POST /inline', operation: 'POST /inline', schema: null });
    const document = {
      ...miniDocument,
      paths: { '/inline': { post: { responses: { '200': { content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Reply' }, { $ref: '#/components/schemas/DoneEvent' }] } } } } } } } },
    };
    const out = await generateTypes(report, document);
    expect(out.roots).toContain('PostInlineResponse');
    expect(out.groupSchemas['POST /inline']).toBe('PostInlineResponse');
    expect(out.skipped).toEqual([]);
    expect(out.files.get('spec.ts')).toMatch(/export type PostInlineResponse = Reply \| DoneEvent;/);
    expect(out.files.get('index.ts')).toContain('"POST /inline": Observed.ObservedPostInlineResponse;');
    expect(report.observations.at(-1)!.schema).toBeNull(); // the input is not modified
  });

  it('keeps @deprecated through a widening', () => {
    expect(observed).toMatch(/@deprecated[\s\S]{0,200}fingerprint\?: string \| null/);
  });

  it('the spec types stay as the spec says', () => {
    expect(spec).not.toContain('usage_cost');
    expect(spec).toMatch(/tier: 'auto' \| 'default';/);
    expect(spec).toMatch(/content: string \| null;/);
    expect(result.graft).toEqual({ undocumented: 4, widened: 2, optional: 1, unplaced: [] });
  });

  it('matches the file snapshots', async () => {
    await expect(spec).toMatchFileSnapshot('__snapshots__/typegen-mini-spec.ts.snap');
    await expect(observed).toMatchFileSnapshot('__snapshots__/typegen-mini-observed.ts.snap');
    await expect(result.files.get('index.ts')).toMatchFileSnapshot('__snapshots__/typegen-mini-index.ts.snap');
  });

  it('is deterministic (same input, same bytes)', async () => {
    const again = await generateTypes(miniReport, miniDocument);
    expect([...again.files]).toEqual([...result.files]);
  });

  it('--check: up to date after writing, stale after a new undocumented field or a hand edit', async () => {
    const dir = tempDir('fieldwork-typegen-');
    expect(staleGenerated(dir, result.files)).toEqual(['index.ts: missing', 'observed.ts: missing', 'spec.ts: missing']);
    writeGenerated(dir, result.files);
    expect(staleGenerated(dir, result.files)).toEqual([]);

    const changed = structuredClone(miniReport);
    changed.observations[0]!.fields.push({ ...changed.observations[0]!.fields[8]!, path: 'new_field' });
    expect(staleGenerated(dir, (await generateTypes(changed, miniDocument)).files)).toEqual(['observed.ts: differs from the current report/spec']);

    writeFileSync(join(dir, 'spec.ts'), `${readFileSync(join(dir, 'spec.ts'), 'utf8')}// edited\n`);
    writeFileSync(join(dir, 'old.ts'), '');
    expect(staleGenerated(dir, result.files)).toEqual(['old.ts: no longer generated', 'spec.ts: differs from the current report/spec']);
    writeGenerated(dir, result.files);
    expect(staleGenerated(dir, result.files)).toEqual([]);
  });
});

describe('schema walk', () => {
  const defs = copyDefs(miniDocument, ['Reply', 'Choice', 'StreamEvent', 'DeltaEvent', 'DoneEvent'], (n) => n);
  it.each([
    ['choices[].message.content', 1],
    ['choices[].message', 1],
    ['choices[].nope', 0],
    ['id.deeper', 0],
  ])('resolves %s to %i schema(s)', (path, n) => {
    expect(resolvePath({ $ref: '#/$defs/Reply' }, pathTokens(path), defs)).toHaveLength(n);
  });
  it('follows every branch of a union and survives $ref cycles', () => {
    expect(leaves({ $ref: '#/$defs/StreamEvent' }, defs)).toHaveLength(2);
    const cyclic = { A: { oneOf: [{ $ref: '#/$defs/A' }, { type: 'string' }] } };
    expect(leaves({ $ref: '#/$defs/A' }, cyclic)).toEqual([{ type: 'string' }]);
    expect(editAt({ $ref: '#/$defs/StreamEvent' }, ['type'], defs, () => true)).toBe(2);
  });
});
