/** Streams one stored copy of a file with its type and private caching. */
import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../../platform/storage';

/**
 * Sends the object at `key`. Cache-Control is private: a copy may be cached by the signed-in user's
 * browser, never by a shared proxy, since reading a file is an authorized act.
 */
export async function sendStored(
  reply: FastifyReply,
  storage: FileStorage,
  key: string,
  mime: string,
  fileName: string,
): Promise<FastifyReply> {
  const object = await storage.stream(key);
  return reply
    .header('content-type', mime)
    .header('content-length', object.size)
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(object.body);
}
