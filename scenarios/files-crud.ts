import OpenAI from 'openai';
import { defineScenario } from '../harness/scenario/index.ts';
import { AIMOCK_TARGETS, jsonl, str } from './support/catalogue.ts';

/** Downloads the content; the live API refuses it for some purposes (400), which is recorded too. */
async function download(client: OpenAI, id: string): Promise<number | string> {
  try {
    return (await (await client.files.content(id)).text()).length;
  } catch (error) {
    if (error instanceof OpenAI.APIError && error.status === 400) return `refused (${error.status})`;
    throw error;
  }
}

export default defineScenario({
  id: 'files-crud',
  group: 'files',
  description: 'Files lifecycle: create, list, retrieve, download content, delete; per purpose.',
  endpoint: ['POST /v1/files', 'GET /v1/files', 'GET /v1/files/{file_id}', 'GET /v1/files/{file_id}/content', 'DELETE /v1/files/{file_id}'],
  targets: AIMOCK_TARGETS,
  matrix: { purpose: ['batch', 'fine-tune', 'user_data'] },
  async run({ client, params }) {
    const purpose = str(params, 'purpose') as 'batch' | 'fine-tune' | 'user_data';
    const line = { messages: [{ role: 'user', content: `fieldwork ${purpose} sample` }, { role: 'assistant', content: 'ok' }] };
    const created = await client.files.create({ file: jsonl(`fieldwork-${purpose}.jsonl`, [line]), purpose });
    const list = await client.files.list({ purpose });
    const retrieved = await client.files.retrieve(created.id);
    const content = await download(client, created.id);
    const deleted = await client.files.delete(created.id);
    return { listed: list.data.some((f) => f.id === created.id), status: retrieved.status, content, deleted: deleted.deleted };
  },
});
