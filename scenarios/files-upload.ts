import { toFile } from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS } from './support/catalogue.ts';

/** A tiny WAV file (valid header, 0.05 s of silence) with bytes that are not valid UTF-8. */
function tinyWav(): Buffer {
  const samples = 400;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(i % 2 === 0 ? -32768 : 32767, i * 2);
  return Buffer.concat([header, data]);
}

/** Multipart uploads: files.create (JSONL) and audio.transcriptions.create (binary WAV). */
export default defineScenario({
  id: 'files-upload',
  description: 'Multipart uploads: a fine-tune JSONL file and an audio file to transcribe.',
  endpoint: ['POST /v1/files', 'POST /v1/audio/transcriptions'],
  group: 'files',
  // aimock serves it (its committed recordings are aimock's); prism has none, by design.
  targets: AIMOCK_TARGETS,
  async run({ client }) {
    const jsonl = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n';
    const file = await client.files.create({ file: await toFile(Buffer.from(jsonl), 'train.jsonl'), purpose: 'fine-tune' });
    const transcription = await client.audio.transcriptions.create({
      file: await toFile(tinyWav(), 'silence.wav', { type: 'audio/wav' }),
      model: 'whisper-1',
    });
    return { file: { bytes: file.bytes, filename: file.filename, purpose: file.purpose }, text: transcription.text };
  },
});
