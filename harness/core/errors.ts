/**
 * The single root error class. Throw it only for misuse (bad flags, missing spec, missing
 * recording in replay); findings about traffic are data (see finding.ts). The message always
 * says how to fix the problem.
 */
export class FieldworkError extends Error {
  /** Stable machine-readable code, e.g. `E_SPEC_MISSING`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FieldworkError';
    this.code = code;
  }
}

/** True for errors we raised on purpose (printed without a stack by the CLI). */
export function isFieldworkError(error: unknown): error is FieldworkError {
  return error instanceof FieldworkError;
}
