import { createHash } from 'node:crypto';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** Text to speech: a binary (audio/mpeg) response body. */
export default defineScenario({
  id: 'audio-speech',
  description: 'audio.speech.create returning binary audio.',
  endpoint: 'POST /v1/audio/speech',
  group: 'audio',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  matrix: { model: ['gpt-4o-mini-tts'] },
  async run({ client, params }) {
    const response = await client.audio.speech.create({ model: String(params['model']), voice: 'alloy', input: 'fieldwork: speak' });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { contentType: response.headers.get('content-type'), length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  },
});
