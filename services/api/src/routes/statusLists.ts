import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { isAddressEqual, type Hash } from 'viem';
import type { Storage } from '@identree/store';
import { ServiceError, forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { STATUS_LIST_CAPACITY, STATUS_LIST_SIZE, STATUS_PURPOSES, statusReferences, type StatusPurpose } from '../statusLists/statusListLayout.js';
import { STATUS_LIST_TTL_SECONDS, type StatusListPublisher } from '../statusLists/publishStatusLists.js';
import { Bytes32, errorReplies } from './schemas.js';

const StatusEntryReply = Type.Object({
  uid: Bytes32,
  listId: Type.Integer(),
  index: Type.Integer(),
  credentialStatus: Type.Array(Type.Object({
    id: Type.String(), type: Type.Literal('BitstringStatusListEntry'), statusPurpose: Type.Union(STATUS_PURPOSES.map((p) => Type.Literal(p))),
    statusListIndex: Type.String(), statusListCredential: Type.String(),
  })),
  status: Type.Object({ status_list: Type.Object({ idx: Type.Integer(), uri: Type.String() }) }),
});

/** A list id as the path carries it: a decimal without leading zeros, so each list has one URL. */
const ListId = Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: 'The status list number, as the credential\'s statusListCredential names it' });
const cache = { 'cache-control': `public, max-age=${Math.min(5, STATUS_LIST_TTL_SECONDS)}` };

/**
 * Status lists (issue 16): an issuer asks for its credential's position before completing the VC,
 * and anyone fetches the lists, mirrored from the chain at each request, as a W3C Bitstring Status
 * List credential (one per purpose; `vc+jwt` by default, plain JSON on `Accept: application/vc`) or
 * an IETF Token Status List for SD-JWT VCs.
 */
export const statusListRoutes: FastifyPluginAsync<{ storage: Storage; publicUrl: string; publisher: StatusListPublisher }> = async (app, { storage, publicUrl, publisher }) => {
  app.post('/credentials/:uid/status-entry', {
    preHandler: app.requireAuth(),
    schema: { tags: ['credentials'], security: [{ bearer: [] }], params: Type.Object({ uid: Bytes32 }), response: { 200: StatusEntryReply, ...errorReplies } },
  }, async (request) => {
    const { uid } = request.params as { uid: Hash };
    const issuer = await callerIdentity(app, request);
    const credential = await storage.credentials.get(uid);
    // The read model trails the chain by one indexer pass: a client that just saw its anchor confirmed retries.
    if (!credential) throw new ServiceError('not_found', `credential ${uid} is not indexed: an anchor is indexed within one indexer pass of its block, so retry shortly if it was just confirmed`);
    if (!isAddressEqual(credential.issuer, issuer)) throw forbidden(`only the credential's issuer ${credential.issuer} may place it in a status list`);
    const entry = await storage.statusEntries.allocate({ uid, issuer, listSize: STATUS_LIST_SIZE, listCapacity: STATUS_LIST_CAPACITY });
    return { uid, listId: entry.listId, index: entry.index, ...statusReferences(publicUrl, entry.listId, entry.index) };
  });

  app.get('/status-lists/:listId/:purpose', {
    schema: {
      tags: ['credentials'],
      params: Type.Object({ listId: ListId, purpose: Type.Union(STATUS_PURPOSES.map((p) => Type.Literal(p))) }),
      response: errorReplies,
    },
  }, async (request, reply) => {
    const { listId, purpose } = request.params as { listId: string; purpose: StatusPurpose };
    const accept = request.headers.accept ?? '';
    const asJson = /application\/(vc|json|ld\+json)(?![+\w])/.test(accept) && !accept.includes('application/vc+jwt');
    const list = asJson ? await publisher.bitstringCredential(Number(listId), purpose) : await publisher.bitstringCredentialJwt(Number(listId), purpose);
    if (list === null) throw notFound(`status list ${listId}`);
    return reply.type(asJson ? 'application/vc' : 'application/vc+jwt').headers(cache).send(asJson ? JSON.stringify(list) : list);
  });

  app.get('/status-lists/:listId/token', {
    schema: { tags: ['credentials'], params: Type.Object({ listId: ListId }), response: errorReplies },
  }, async (request, reply) => {
    const { listId } = request.params as { listId: string };
    const list = await publisher.tokenStatusList(Number(listId));
    if (list === null) throw notFound(`status list ${listId}`);
    return reply.type('application/statuslist+jwt').headers(cache).send(list);
  });
};
