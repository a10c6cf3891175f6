import { createHash } from 'node:crypto';
import { defineScenario } from '../harness/scenario/index.ts';

/** Text to speech: a binary (audio/mpeg) response body. */
export default defineScenario({
  id: 'audio-speech',
  description: 'audio.speech.create returning binary audio.',
  endpoint: 'POST /v1/audio/speech',
  group: 'audio',
  matrix: { model: ['gpt-4o-mini-tts'] },
  async run({ client, params }) {
    const response = await client.audio.speech.create({ model: String(params['model']), voice: 'alloy', input: 'fieldwork: speak' });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { contentType: response.headers.get('content-type'), length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  },
});
