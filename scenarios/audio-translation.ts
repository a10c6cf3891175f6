import { toFile } from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, str } from './support/catalogue.ts';

export default defineScenario({
  id: 'audio-translation',
  group: 'audio',
  description: 'French speech synthesised to wav, then translated to English text (json and text).',
  endpoint: ['POST /v1/audio/speech', 'POST /v1/audio/translations'],
  targets: AIMOCK_TARGETS,
  matrix: { model: ['whisper-1'], response_format: ['json', 'text'] },
  async run({ client, params }) {
    const speech = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Bonjour, le phare du port est allumé ce soir.', response_format: 'wav' });
    const file = await toFile(new Uint8Array(await speech.arrayBuffer()), 'phare.wav', { type: 'audio/wav' });
    const result: unknown = await client.audio.translations.create({
      model: str(params, 'model'),
      file,
      response_format: str(params, 'response_format') as 'json' | 'text',
    });
    return { kind: typeof result, text: typeof result === 'string' ? result : (result as { text?: string }).text ?? null };
  },
});
