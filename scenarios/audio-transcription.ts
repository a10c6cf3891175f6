import { toFile } from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, str } from './support/catalogue.ts';

type Format = 'json' | 'verbose_json' | 'text' | 'srt' | 'vtt';

export default defineScenario({
  id: 'audio-transcription',
  group: 'audio',
  description: 'Speech synthesised to wav, then transcribed in every response_format (json, verbose_json, text, srt, vtt).',
  endpoint: ['POST /v1/audio/speech', 'POST /v1/audio/transcriptions'],
  targets: AIMOCK_TARGETS,
  matrix: { model: ['whisper-1'], response_format: ['json', 'verbose_json', 'text', 'srt', 'vtt'] },
  async run({ client, params }) {
    const speech = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Fieldwork records the sea shanty for transcription.', response_format: 'wav' });
    const file = await toFile(new Uint8Array(await speech.arrayBuffer()), 'shanty.wav', { type: 'audio/wav' });
    const format = str(params, 'response_format') as Format;
    const result: unknown = await client.audio.transcriptions.create({
      model: str(params, 'model'),
      file,
      response_format: format,
      ...(format === 'verbose_json' ? { timestamp_granularities: ['word', 'segment'] as Array<'word' | 'segment'> } : {}),
    });
    return { kind: typeof result, text: typeof result === 'string' ? result : (result as { text?: string }).text ?? null };
  },
});
