import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { BlobStore, Storage } from '@identree/store';
import { callerIdentity } from '../consent/callerIdentity.js';
import { InvalidCidError, NotAFileError, eraseAuditedBlob, storeAuditedBlob } from '@identree/store';
import { ServiceError, notFound } from '../errors.js';
import { errorReplies } from './schemas.js';

/** 1 MiB: encrypted templates and documents, not media. */
const MAX_BLOB = 1024 * 1024;

/**
 * Content-addressed blobs (encrypted face templates, document images): anyone signed in may add,
 * anyone may fetch by CID. Content must be encrypted by its owner before it gets here; the store
 * is public by design, as IPFS is.
 */
export type BlobRoutesOptions = {
  blobs: BlobStore;
  /** Where each account's stored bytes are counted; without it (unit tests) there is no budget. */
  usage?: Storage['blobUsage'];
  /** Bytes one identity may store in all (BLOB_BUDGET_BYTES); 0: no budget. */
  budgetBytes?: number;
  /** Where pins, unpins and erasures are logged under the owner (the paper's retention policy). */
  audit?: Storage['audit'];
};

export const blobRoutes: FastifyPluginAsync<BlobRoutesOptions> = async (app, { blobs, usage, budgetBytes = 0, audit }) => {
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
    if (!usage) return reply.status(201).send({ cid: await blobs.put(new Uint8Array(request.body)) });
    // The budget is the identity's, so rotating keys does not refill it; checked before storing,
    // charged after (once per CID), so concurrent uploads can pass it by at most their own sizes.
    // Charged with or without a budget: the charge is also who may erase the blob.
    const owner = await callerIdentity(app, request);
    const used = await usage.totalFor(owner);
    if (budgetBytes > 0 && used + request.body.length > budgetBytes) {
      throw new ServiceError('storage_budget_exceeded', `${owner} has stored ${used} of its ${budgetBytes} bytes; this blob of ${request.body.length} bytes does not fit`);
    }
    const bytes = new Uint8Array(request.body);
    const cid = audit ? await storeAuditedBlob({ blobs, audit }, { bytes, owner }) : await blobs.put(bytes);
    await usage.record(owner, cid, request.body.length);
    return reply.status(201).send({ cid });
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

  app.delete('/blobs/:cid', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['blobs'],
      security: [{ bearer: [] }],
      params: Type.Object({ cid: Type.String({ minLength: 8, maxLength: 128 }) }),
      response: { 200: Type.Object({ cid: Type.String(), erased: Type.Boolean(), unpinned: Type.Boolean(), heldByOthers: Type.Boolean() }), ...errorReplies },
    },
  }, async (request) => {
    const { cid } = request.params as { cid: string };
    if (!usage) throw new ServiceError('not_found', 'blob erasure needs the service\'s storage');
    const owner = await callerIdentity(app, request);
    // Someone else's blob, or none: the same 404, so a CID reveals nothing about who stored it.
    if (!(await usage.release(owner, cid))) throw notFound(`blob ${cid} stored by ${owner}`);
    // The same bytes stored by another account stay theirs: only the last owner's erasure removes them.
    if ((await usage.owners(cid)).length > 0) {
      await audit?.append({ subject: owner, action: 'BlobReleased', actor: request.user!.address, payload: { cid } });
      return { cid, erased: false, unpinned: false, heldByOthers: true };
    }
    let result;
    try {
      result = audit ? await eraseAuditedBlob({ blobs, audit }, { cid, owner, actor: request.user!.address, reason: 'owner request' }) : await blobs.erase(cid);
    } catch (error) {
      if (error instanceof InvalidCidError) throw new ServiceError('invalid_cid', error.message);
      throw error;
    }
    return { cid, ...result, heldByOthers: false };
  });
};
