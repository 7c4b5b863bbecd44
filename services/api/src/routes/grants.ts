import type { FastifyPluginAsync } from 'fastify';
import type { Storage } from '@identree/store';
import { Type, type Static } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hash } from 'viem';
import { checkAccess, getGrant } from '@identree/sdk';
import { notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import type { HolderWriteDeps } from '../consent/relayHolderWrite.js';
import { callerIs, postHolderWrite } from './holderWriteRoute.js';
import { Address, AttributesDigest, Bytes32, Deadline, errorReplies, Signature } from './schemas.js';

const GrantBody = Type.Object(
  { holder: Address, verifier: Address, uid: Bytes32, duration: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }), attributes: AttributesDigest, deadline: Deadline, signature: Signature },
  { additionalProperties: false },
);
const RevokeBody = Type.Object({ holder: Address, verifier: Address, uid: Bytes32, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const GrantView = Type.Object({
  verifier: Address, uid: Bytes32, expiresAt: Type.Integer(), revoked: Type.Boolean(), live: Type.Boolean(), attributes: AttributesDigest,
  proof: Type.Object({ transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String() }),
});

const ReceivedGrantView = Type.Object({
  holder: Address, verifier: Address, uid: Bytes32, attributes: AttributesDigest, expiresAt: Type.Integer({ description: 'Unix seconds' }),
  live: Type.Boolean({ description: 'Whether the grant lets the verifier read now: not expired by the chain\'s clock, the holder not revoked and still the credential\'s subject' }),
});

/**
 * Consent: a holder's signed `GrantAccess` / `RevokeAccess` messages, relayed and paid for by the
 * service through the outbox, and the holder's own view of its grants. The signer is the holder's
 * current key; the token's key must act for the `holder` named, so no one relays for another.
 */
export const grantRoutes: FastifyPluginAsync<Omit<HolderWriteDeps, 'waitMs'> & { waitMs?: number; storage: Storage }> = async (app, options) => {
  const deps: HolderWriteDeps = { writes: options.writes, waitMs: options.waitMs ?? 10_000 };
  const ownHolder = callerIs('holder', 'you can only grant or revoke access to your own credentials');

  postHolderWrite<Static<typeof GrantBody>>(app, deps, {
    url: '/grants', tag: 'consent', description: 'Relays a GrantAccess message signed by the holder\'s current key; the sponsor pays.', body: GrantBody,
    authorize: ownHolder,
    functionName: 'grantAccessBySig',
    args: (b) => [getAddress(b.holder), getAddress(b.verifier), b.uid, b.duration, b.attributes, BigInt(b.deadline), b.signature],
  });

  postHolderWrite<Static<typeof RevokeBody>>(app, deps, {
    url: '/grants/revoke', tag: 'consent', description: 'Relays a RevokeAccess message signed by the holder\'s current key.', body: RevokeBody,
    authorize: ownHolder,
    functionName: 'revokeAccessBySig',
    args: (b) => [getAddress(b.holder), getAddress(b.verifier), b.uid, BigInt(b.deadline), b.signature],
  });

  // The verifier's side: the grant a holder gave the caller, read from the chain (which has the last
  // word over the index, like GET /shares), so a verifier knows whether it may keep reading and whether
  // an access it logs is covered. A grant is public on chain; the route still answers only its verifier.
  app.get('/grants/:holder/:uid', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['consent'], security: [{ bearer: [] }], params: Type.Object({ holder: Address, uid: Bytes32 }),
      response: { 200: ReceivedGrantView, ...errorReplies },
    },
  }, async (request, reply) => {
    const { holder: rawHolder, uid } = request.params as { holder: Addr; uid: Hash };
    const holder = getAddress(rawHolder);
    const verifier = await callerIdentity(app, request);
    const reader = app.chain.reader as never;
    const grant = await getGrant(reader, { holderRegistry: app.chain.holderRegistry, holder, verifier, uid });
    if (!grant) throw notFound(`a grant from ${holder} to you for ${uid} (never granted, or revoked)`);
    const live = await checkAccess(reader, { holderRegistry: app.chain.holderRegistry, holder, verifier, uid, attributes: grant.attributes });
    reply.header('cache-control', 'no-store');
    return { holder, verifier, uid, attributes: grant.attributes, expiresAt: grant.expiresAt, live };
  });

  app.get('/me/grants', {
    preHandler: app.requireAuth(),
    schema: { tags: ['consent'], security: [{ bearer: [] }], response: { 200: Type.Object({ holder: Address, grants: Type.Array(GrantView) }), ...errorReplies } },
  }, async (request) => {
    const holder = await callerIdentity(app, request);
    const now = Math.floor(Date.now() / 1000);
    const grants = await options.storage.grants.listByHolder(holder);
    return {
      holder,
      grants: grants.map((g) => ({
        verifier: getAddress(g.verifier), uid: g.uid, expiresAt: g.expiresAt, revoked: g.revoked, live: !g.revoked && now < g.expiresAt, attributes: g.attributes,
        proof: { transactionHash: g.updatedAt.transactionHash, logIndex: g.updatedAt.logIndex, blockNumber: g.updatedAt.blockNumber.toString() },
      })),
    };
  });
};
