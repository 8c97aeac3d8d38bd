/** Streams a public copy (JPEG without metadata) of an exposure photo. */
import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../../platform/storage';

export async function sendPublicCopy(reply: FastifyReply, storage: FileStorage, key: string, cacheControl: string): Promise<FastifyReply> {
  const object = await storage.stream(key);
  return reply
    .header('content-type', 'image/jpeg')
    .header('content-length', object.size)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .send(object.body);
}
