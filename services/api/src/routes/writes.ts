import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, keccak256, parseTransaction, stringToHex, type Hex, type TransactionSerialized } from 'viem';
import { decodeRegistryCall } from '@identree/sdk';
import { ServiceError, forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { answerWrite, simulateSponsored, sponsoredCall } from '../consent/relayHolderWrite.js';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { preflightSigned } from '../authority/preflight.js';
import { Address, Bytes32, Deadline, errorReplies, Signature } from './schemas.js';

export type WriteRoutesOptions = { writes: WritesGateway; waitMs?: number };

const IdempotencyHeaders = Type.Object(
  { 'idempotency-key': Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }) },
  { additionalProperties: true },
);
const SignedBody = Type.Object(
  { signedTransaction: Type.String({ pattern: '^0x[0-9a-fA-F]+$', maxLength: 32_768, description: 'A transaction to the registry, signed in the caller\'s own wallet' }) },
  { additionalProperties: false },
);
const WriteReply = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  transactionHash: Type.Union([Type.String(), Type.Null()]),
  response: Type.Optional(Type.Unknown()),
  error: Type.Optional(Type.String()),
});
const writeSchema = (tags: string[], params?: ReturnType<typeof Type.Object>, body = SignedBody) => ({
  tags,
  security: [{ bearer: [] }],
  headers: IdempotencyHeaders,
  ...(params ? { params } : {}),
  body,
  response: { 200: WriteReply, 202: WriteReply, ...errorReplies },
});

const HolderSignedBody = Type.Object(
  { holder: Address, uid: Bytes32, deadline: Deadline, signature: Signature },
  { additionalProperties: false },
);

/**
 * Writes go through the outbox: stored with their transaction before anything is sent, answered
 * 200 once confirmed (or 202 while pending), and answered again, not re-sent, for a repeated
 * Idempotency-Key. Authorities sign their own transactions; holders sign EIP-712 messages that the
 * service relays and pays for.
 */
export const writeRoutes: FastifyPluginAsync<WriteRoutesOptions> = async (app, { writes, waitMs = 10_000 }) => {
  const answer = (reply: FastifyReply, id: number) => answerWrite(writes, reply, id, waitMs);
  const signed = (allowed: string[], argCheck?: (request: FastifyRequest, args: readonly unknown[]) => void) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { signedTransaction } = request.body as { signedTransaction: Hex };
      if (argCheck) {
        let args: readonly unknown[] = [];
        try {
          const tx = parseTransaction(signedTransaction as TransactionSerialized);
          args = decodeRegistryCall(tx.data ?? '0x', { contract: 'registry' }).args ?? [];
        } catch {
          throw new ServiceError('invalid_transaction', 'signedTransaction is not a signed registry call');
        }
        argCheck(request, args);
      }
      const owner = request.user!.address;
      const idempotencyKey = (request.headers as Record<string, string>)['idempotency-key']!;
      // Simulated as its signer first, so a refusal is its typed revert with no gas spent; a
      // repeated key is answered from the outbox, since its own write may be what changed the state.
      if (!(await writes.find({ owner, idempotencyKey }))) await preflightSigned(app, signedTransaction, allowed);
      const record = await writes.submitSigned({
        owner,
        idempotencyKey,
        serialized: signedTransaction,
        allowed,
      });
      return answer(reply, record.id);
    };
  const sameAs = (param: 'address' | 'uid') => (request: FastifyRequest, args: readonly unknown[]) => {
    const expected = String((request.params as Record<string, string>)[param]).toLowerCase();
    if (String(args[0]).toLowerCase() !== expected) throw new ServiceError('invalid_transaction', `the transaction is about ${String(args[0])}, not ${expected}`);
  };

  app.post('/entities', { preHandler: app.requireAuth(['Government', 'Admin']), schema: writeSchema(['entities']) }, signed(['registerEntity']));
  app.post('/entities/:address/suspend', {
    preHandler: app.requireAuth(['Government', 'Admin']),
    schema: writeSchema(['entities'], Type.Object({ address: Address })),
  }, signed(['suspendEntity'], sameAs('address')));
  app.post('/credentials', {
    preHandler: app.requireAuth(['Government', 'Issuer', 'Organization']),
    schema: writeSchema(['credentials']),
  }, signed(['anchorCredential', 'anchorBirthCertificate']));
  // Revocation names the commitment, not the uid: the issuer proves itself by knowing it.
  app.post('/credentials/revocations', {
    preHandler: app.requireAuth(['Government', 'Issuer', 'Organization']),
    schema: writeSchema(['credentials']),
  }, signed(['revokeCredential']));

  for (const [route, functionName] of [['/tree/link', 'linkCredentialBySig'], ['/tree/unlink', 'unlinkCredentialBySig']] as const) {
    app.post(route, { preHandler: app.requireAuth(), schema: writeSchema(['identity tree'], undefined, HolderSignedBody as never) }, async (request, reply) => {
      const body = request.body as { holder: Hex; uid: Hex; deadline: number; signature: Hex };
      // One holder never acts for another: the signing holder must be the identity the token's key
      // acts for now, so a rotated key keeps its tree and a retired one loses it.
      if (getAddress(body.holder) !== (await callerIdentity(app, request))) throw forbidden('you can only change your own identity tree');
      const owner = request.user!.address;
      const idempotencyKey = (request.headers as Record<string, string>)['idempotency-key']!;
      const args = [getAddress(body.holder), body.uid, BigInt(body.deadline), body.signature] as const;
      // Simulated as the sponsor first, as relayHolderWrite does, so a bad signature, an expired
      // deadline or a credential already linked is answered with its typed revert, not as a relay
      // failure. A repeated Idempotency-Key is not simulated: its write may be what linked it.
      const call = sponsoredCall(app, functionName, args);
      if (!(await writes.find({ owner, idempotencyKey }))) {
        await app.sponsorPolicy.check(getAddress(body.holder));
        await app.sponsorPolicy.admit(functionName, args);
        await simulateSponsored(app, call);
      }
      const record = await writes.submitSponsored({
        owner,
        idempotencyKey,
        requestHash: keccak256(stringToHex(JSON.stringify([route, body.holder.toLowerCase(), body.uid.toLowerCase(), body.deadline, body.signature.toLowerCase()]))),
        functionName,
        calldata: call.data,
        target: call.contract,
      });
      return answer(reply, record.id);
    });
  }

  app.get('/writes/:id', {
    preHandler: app.requireAuth(),
    schema: { tags: ['writes'], security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) }), response: { 200: WriteReply, ...errorReplies } },
  }, async (request) => {
    // Someone else's write is indistinguishable from a missing one.
    const found = await writes.find({ owner: request.user!.address, id: Number((request.params as { id: string }).id) });
    if (!found) throw notFound('write');
    return found;
  });
};
