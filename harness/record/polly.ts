/**
 * Polly's packages ship CommonJS with `export default` typings, which TypeScript's NodeNext
 * resolution reads as `{ default: Class }` while Node hands us the class itself. This file does
 * the cast once so the rest of the recorder imports plain classes.
 */
import AdapterModule from '@pollyjs/adapter';
import * as CoreModule from '@pollyjs/core';
import FSPersisterModule from '@pollyjs/persister-fs';

export const Adapter = AdapterModule as unknown as typeof AdapterModule.default;
export const FSPersister = FSPersisterModule as unknown as typeof FSPersisterModule.default;
export const Polly = CoreModule.Polly;
export type Polly = CoreModule.Polly;
export type PollyRequest = CoreModule.Request;
