import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hex } from 'viem';
import { forbidden } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { relayHolderWrite, type HolderWriteDeps } from '../consent/relayHolderWrite.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Bytes26 = Type.String({ pattern: '^0x[0-9a-fA-F]{52}$', description: '26 bytes, hex: zero for the whole credential, else attributesDigest(names)' });
const Signature = Type.String({ pattern: '^0x[0-9a-fA-F]{130,}$', maxLength: 4_096 });
const Deadline = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Unix seconds' });
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }) }, { additionalProperties: true });
const GrantBody = Type.Object(
  { holder: Address, verifier: Address, uid: Bytes32, duration: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }), attributes: Bytes26, deadline: Deadline, signature: Signature },
  { additionalProperties: false },
);
const RevokeBody = Type.Object({ holder: Address, verifier: Address, uid: Bytes32, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const WriteReply = Type.Object({ id: Type.Integer(), status: Type.String(), transactionHash: Type.Union([Type.String(), Type.Null()]), response: Type.Optional(Type.Unknown()), error: Type.Optional(Type.String()) });
const GrantView = Type.Object({
  verifier: Address, uid: Bytes32, expiresAt: Type.Integer(), revoked: Type.Boolean(), live: Type.Boolean(), attributes: Bytes26,
  proof: Type.Object({ transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String() }),
});

/**
 * Consent: a holder's signed `GrantAccess` / `RevokeAccess` messages, relayed and paid for by the
 * service through the outbox, and the holder's own view of its grants. The signer is the holder's
 * current key; the token's key must act for the `holder` named, so no one relays for another.
 */
export const grantRoutes: FastifyPluginAsync<Omit<HolderWriteDeps, 'waitMs'> & { waitMs?: number }> = async (app, options) => {
  const deps: HolderWriteDeps = { ...options, waitMs: options.waitMs ?? 10_000 };
  const ownHolder = async (request: Parameters<typeof callerIdentity>[1], holder: Addr) => {
    if (getAddress(holder) !== (await callerIdentity(app, request))) throw forbidden('you can only grant or revoke access to your own credentials');
  };

  app.post('/grants', {
    preHandler: app.requireAuth(),
    schema: { tags: ['consent'], security: [{ bearer: [] }], headers: IdempotencyHeaders, body: GrantBody, response: { 200: WriteReply, 202: WriteReply, ...errorReplies } },
  }, async (request, reply) => {
    const b = request.body as { holder: Addr; verifier: Addr; uid: Hex; duration: number; attributes: Hex; deadline: number; signature: Hex };
    await ownHolder(request, b.holder);
    return relayHolderWrite(app, deps, request, reply, {
      route: '/grants',
      body: [b.holder, b.verifier, b.uid, b.duration, b.attributes, b.deadline, b.signature].map((v) => (typeof v === 'string' ? v.toLowerCase() : v)),
      functionName: 'grantAccessBySig',
      args: [getAddress(b.holder), getAddress(b.verifier), b.uid, b.duration, b.attributes, BigInt(b.deadline), b.signature],
    });
  });

  app.post('/grants/revoke', {
    preHandler: app.requireAuth(),
    schema: { tags: ['consent'], security: [{ bearer: [] }], headers: IdempotencyHeaders, body: RevokeBody, response: { 200: WriteReply, 202: WriteReply, ...errorReplies } },
  }, async (request, reply) => {
    const b = request.body as { holder: Addr; verifier: Addr; uid: Hex; deadline: number; signature: Hex };
    await ownHolder(request, b.holder);
    return relayHolderWrite(app, deps, request, reply, {
      route: '/grants/revoke',
      body: [b.holder, b.verifier, b.uid, b.deadline, b.signature].map((v) => (typeof v === 'string' ? v.toLowerCase() : v)),
      functionName: 'revokeAccessBySig',
      args: [getAddress(b.holder), getAddress(b.verifier), b.uid, BigInt(b.deadline), b.signature],
    });
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
