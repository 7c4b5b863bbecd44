import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { BlobStore } from '@identree/store';
import { InvalidCidError, NotAFileError } from '@identree/store';
import { ServiceError, notFound } from '../errors.js';
import { errorReplies } from './schemas.js';

/** 1 MiB: encrypted templates and documents, not media. */
const MAX_BLOB = 1024 * 1024;

/**
 * Content-addressed blobs (encrypted face templates, document images): anyone signed in may add,
 * anyone may fetch by CID. Content must be encrypted by its owner before it gets here; the store
 * is public by design, as IPFS is.
 */
export const blobRoutes: FastifyPluginAsync<{ blobs: BlobStore }> = async (app, { blobs }) => {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_BLOB }, (_req, body, done) => done(null, body));
  app.post('/blobs', {
    preHandler: app.requireAuth(),
    bodyLimit: MAX_BLOB,
    schema: {
      tags: ['blobs'],
      security: [{ bearer: [] }],
      consumes: ['application/octet-stream'],
      response: { 201: Type.Object({ cid: Type.String() }), ...errorReplies },
    },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new ServiceError('invalid_request', 'body must be non-empty application/octet-stream');
    return reply.status(201).send({ cid: await blobs.put(new Uint8Array(request.body)) });
  });
  app.get('/blobs/:cid', {
    schema: { tags: ['blobs'], params: Type.Object({ cid: Type.String({ minLength: 8, maxLength: 128 }) }), response: errorReplies },
  }, async (request, reply) => {
    const { cid } = request.params as { cid: string };
    let bytes: Uint8Array | null;
    try {
      bytes = await blobs.get(cid);
    } catch (error) {
      if (error instanceof InvalidCidError) throw new ServiceError('invalid_cid', error.message);
      // A directory's CID (or another DAG's) names something that exists, but no blob: the client's mistake, not the store's.
      if (error instanceof NotAFileError) throw new ServiceError('not_a_file', error.message);
      throw error;
    }
    if (!bytes) throw notFound(`blob ${cid}`);
    return reply.type('application/octet-stream').header('cache-control', 'public, max-age=31536000, immutable').send(Buffer.from(bytes));
  });
};
