import { defineScenario } from '../harness/scenario/index.ts';
import { PRISM_TARGETS } from './support/catalogue.ts';

export default defineScenario({
  id: 'threads-messages-attachments',
  group: 'assistants',
  description: 'Thread messages: upload a file, add a message with an attachment (file_search), list and retrieve messages.',
  endpoint: ['POST /v1/files', 'POST /v1/threads', 'POST /v1/threads/{thread_id}/messages', 'GET /v1/threads/{thread_id}/messages', 'GET /v1/threads/{thread_id}/messages/{message_id}'],
  targets: PRISM_TARGETS,
  async run({ client }) {
    const file = await client.files.create({ file: new File(['Honfleur harbour dates from the 11th century.\n'], 'harbour-notes.txt', { type: 'text/plain' }), purpose: 'assistants' });
    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'How old is Honfleur harbour, according to the attached notes?',
      attachments: [{ file_id: file.id, tools: [{ type: 'file_search' }] }],
    });
    const list = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    const retrieved = await client.beta.threads.messages.retrieve(message.id, { thread_id: thread.id });
    return { listed: list.data.length, attachments: retrieved.attachments?.length ?? 0 };
  },
});
