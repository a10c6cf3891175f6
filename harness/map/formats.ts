import { FORMATS } from '../spec/formats.ts';

/**
 * Checks the handful of formats the OpenAI spec uses on response fields. Returns a message when the
 * value does not fit, null when it fits or the format is one we do not check (`binary`, `double`).
 * `unixtime` is OpenAI's own: whole seconds since the epoch (here also flagged when it looks like
 * milliseconds). String formats are checked with the spec layer's FORMATS, the ones Ajv uses.
 */
export function checkFormat(format: string, value: unknown): string | null {
  if (format === 'unixtime') {
    if (typeof value !== 'number') return null; // type mismatches are reported separately
    if (!Number.isInteger(value) || value < 0) return `not whole unix seconds (${value})`;
    // Milliseconds sneak in occasionally: 1e11 seconds is the year 5138.
    if (value > 1e11) return `looks like milliseconds, not unix seconds (${value})`;
    return null;
  }
  if (format === 'int64' || format === 'int32') {
    return typeof value === 'number' && !Number.isInteger(value) ? `not an integer (${value})` : null;
  }
  if (typeof value !== 'string') return null;
  const check: unknown = FORMATS[format];
  let ok = true;
  if (check instanceof RegExp) ok = check.test(value);
  else if (typeof check === 'function') ok = Boolean((check as (s: string) => boolean)(value));
  else if (typeof check === 'object' && check !== null && 'validate' in check) {
    const v = (check as { validate: unknown }).validate;
    if (v instanceof RegExp) ok = v.test(value);
    else if (typeof v === 'function') ok = Boolean((v as (s: string) => boolean)(value));
  }
  return ok ? null : `not a valid ${format}`;
}
