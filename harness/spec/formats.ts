/**
 * Formats for Ajv. ajv-formats covers the standard ones; the OpenAI spec adds its own (`unixtime`
 * on 144 integer fields). Kept in one object because the cached standalone validators reference
 * formats by name through `require("fieldwork:formats")`, resolved to this object at load time.
 */

import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Format } from 'ajv';

/** OpenAI's own formats: shape checks where the meaning is clear. */
const OPENAI_FORMATS: Record<string, Format> = {
  // Seconds since the epoch: a non-negative integer (the spec puts it on `type: integer`).
  unixtime: { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= 0 },
};

/** Every format with a check; a format not in here is registered as a no-op (annotation only). */
export const FORMATS: Record<string, Format> = { ...(fullFormats as Record<string, Format>), ...OPENAI_FORMATS };

/** Module id the standalone code uses to reach FORMATS. */
export const FORMATS_MODULE = 'fieldwork:formats';
