import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS, num } from './support/catalogue.ts';

export default defineScenario({
  id: 'uploads-multipart',
  group: 'files',
  description: 'Uploads API: create an upload, add N parts, complete it into a File (aimock has no /v1/uploads).',
  endpoint: ['POST /v1/uploads', 'POST /v1/uploads/{upload_id}/parts', 'POST /v1/uploads/{upload_id}/complete'],
  targets: PRISM_TARGETS,
  matrix: { parts: [1, 2] },
  async run({ client, params }) {
    const count = num(params, 'parts');
    const chunks = Array.from({ length: count }, (_, i) => `{"text":"fieldwork upload part ${i + 1}"}\n`);
    const bytes = chunks.reduce((sum, c) => sum + Buffer.byteLength(c), 0);
    const upload = await client.uploads.create({ bytes, filename: 'fieldwork-upload.jsonl', mime_type: 'text/jsonl', purpose: 'batch' });
    const partIds: string[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const part = await client.uploads.parts.create(upload.id, { data: new File([chunk], `part-${i + 1}`) });
      partIds.push(part.id);
    }
    const done = await client.uploads.complete(upload.id, { part_ids: partIds });
    return { status: done.status, file: done.file?.id ?? null };
  },
});
