import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress } from 'viem';
import { notFound } from '../errors.js';
import type { Storage } from '@identree/store';
import { credentialTypeName, isValidNow } from './credentialView.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const CredentialReply = Type.Object({
  uid: Bytes32,
  issuer: Address,
  subject: Address,
  commitment: Bytes32,
  type: Type.String(),
  level: Type.String(),
  validFrom: Type.Integer(),
  validUntil: Type.Integer(),
  revoked: Type.Boolean(),
  linked: Type.Boolean(),
  valid: Type.Boolean(),
  anchoredAt: Type.Object({ blockNumber: Type.String(), transactionHash: Bytes32, logIndex: Type.Integer() }),
});

/** Credential records and statuses from the read model. Verifiers needing chain truth use /presentations/verify. */
export const credentialRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/credentials/:uid', {
    schema: { tags: ['credentials'], params: Type.Object({ uid: Bytes32 }), response: { 200: CredentialReply, ...errorReplies } },
  }, async (request) => {
    const { uid } = request.params as { uid: `0x${string}` };
    const c = await storage.credentials.get(uid);
    if (!c) throw notFound(`credential ${uid}`);
    return {
      uid: c.uid, issuer: getAddress(c.issuer), subject: getAddress(c.subject), commitment: c.commitment, type: await credentialTypeName(app, c.credentialType),
      level: c.level, validFrom: c.validFrom, validUntil: c.validUntil, revoked: c.revoked, linked: c.linked, valid: isValidNow(c),
      anchoredAt: { ...c.anchoredAt, blockNumber: c.anchoredAt.blockNumber.toString() },
    };
  });

  app.get('/credentials/:uid/status', {
    schema: {
      tags: ['credentials'],
      params: Type.Object({ uid: Bytes32 }),
      response: { 200: Type.Object({ uid: Bytes32, valid: Type.Boolean(), revoked: Type.Boolean(), validUntil: Type.Integer() }), ...errorReplies },
    },
  }, async (request) => {
    const { uid } = request.params as { uid: `0x${string}` };
    const c = await storage.credentials.get(uid);
    if (!c) throw notFound(`credential ${uid}`);
    return { uid, valid: isValidNow(c), revoked: c.revoked, validUntil: c.validUntil };
  });
};
