/** Ajv instance paths (`/choices/0/message`) in our JSON path notation (`choices[].message`). */

/** `/choices/0/message` -> `choices[].message`; the root is ``. Array indexes become `[]`. */
export function toOurPath(instancePath: string): string {
  if (instancePath === '') return '';
  let out = '';
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += '[]';
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}
