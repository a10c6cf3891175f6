import { defineScenario } from '../harness/scenario/index.ts';
import { ALL_TARGETS, str } from './support/catalogue.ts';

/** Audio output needs an audio-capable chat model; the model lists in config are text models. */
const AUDIO_MODELS = ['gpt-4o-audio-preview'];

export default defineScenario({
  id: 'chat-audio-output',
  group: 'chat',
  description: 'Audio output: modalities text+audio, in wav and mp3.',
  endpoint: 'POST /v1/chat/completions',
  targets: ALL_TARGETS,
  matrix: { model: AUDIO_MODELS, format: ['wav', 'mp3'] },
  async run({ client, params }) {
    const completion = await client.chat.completions.create({
      model: str(params, 'model'),
      modalities: ['text', 'audio'],
      audio: { voice: 'alloy', format: str(params, 'format') as 'wav' | 'mp3' },
      messages: [{ role: 'user', content: 'Say the word fieldwork cheerfully.' }],
    });
    const message = completion.choices[0]?.message;
    return { transcript: message?.audio?.transcript ?? null, content: message?.content ?? null };
  },
});
