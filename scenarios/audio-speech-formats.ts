import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, str } from './support/catalogue.ts';

type Format = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

export default defineScenario({
  id: 'audio-speech-formats',
  group: 'audio',
  description: 'Text to speech in every response_format (binary bodies).',
  endpoint: 'POST /v1/audio/speech',
  targets: AIMOCK_TARGETS,
  matrix: { model: ['gpt-4o-mini-tts'], response_format: ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] },
  async run({ client, params }) {
    const format = str(params, 'response_format') as Format;
    const response = await client.audio.speech.create({
      model: str(params, 'model'),
      voice: 'alloy',
      input: `Fieldwork speaks in ${format}.`,
      response_format: format,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { contentType: response.headers.get('content-type'), bytes: bytes.byteLength };
  },
});
