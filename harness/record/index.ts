/** The recorder: Polly sessions, targets, and the run loop behind `fieldwork record/replay`. */
export { runScenarios, type RunOptions, type RunSummary, type VariantResult, type VariantStatus } from './runner.ts';
export { openSession, type RecordingSession, type SessionOptions } from './session.ts';
export { startTarget, providerFor, providerForUrl, AIMOCK_FIXTURES_DIR, type RunningTarget } from './targets.ts';
export { cassettePath, recordCommand, missingRecordingError, CASSETTE_EXT } from './cassette-path.ts';
export { redactionRules, REDACTED, type RedactionRules } from './redact.ts';
export type { CassetteMeta } from './persister.ts';
export type { FieldworkEntryExtras } from './har-entry.ts';
export type { ChunkTiming } from './http-send.ts';
