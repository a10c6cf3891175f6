/** Small Markdown helpers shared by summary.md and the field docs (GitHub-flavoured tables). */

/**
 * Escapes a value for a table cell: pipes and newlines cannot break the row. Backslashes stay as
 * they are (GitHub shows them literally inside code spans, where examples live).
 */
export function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/** Inline code for paths and examples; falls back to double backticks when the text has one. */
export function code(text: string): string {
  if (text === '') return '`(root)`';
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${cell(text)}${fence}`;
}

/** A GitHub table; an empty row list renders a single "none" line instead of an empty table. */
export function table(headers: string[], rows: unknown[][], empty = '_None._'): string {
  if (rows.length === 0) return `${empty}\n`;
  const head = `| ${headers.map(cell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  const body = rows.map((row) => `| ${row.map((v) => (typeof v === 'string' && v.startsWith('`') ? v : cell(v))).join(' | ')} |`);
  return [head, rule, ...body].join('\n') + '\n';
}

/** `0.786` -> `78.6%`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Types seen at a path, most frequent first: `string (12), null (3)`. */
export function typeList(types: Record<string, number>): string {
  return Object.entries(types)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, count]) => `${type} (${count})`)
    .join(', ');
}
