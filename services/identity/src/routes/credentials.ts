import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { notFound } from '../errors.js';
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

export const credentialRoutes: FastifyPluginAsync = async (app) => {
  app.get('/credentials/:uid', {
    schema: { tags: ['credentials'], params: Type.Object({ uid: Bytes32 }), response: { 200: CredentialReply, ...errorReplies } },
  }, async (request) => {
    const { uid } = request.params as { uid: `0x${string}` };
    const c = await app.chain.reader.getCredential({ uid, fromBlock: app.chain.fromBlock });
    if (!c) throw notFound(`credential ${uid}`);
    return {
      uid: c.uid, issuer: c.issuer, subject: c.subject, commitment: c.commitment, type: c.typeName, level: c.level,
      validFrom: c.validFrom, validUntil: c.validUntil, revoked: c.revoked, linked: c.linked, valid: c.valid,
      anchoredAt: { ...c.anchoredAt, blockNumber: c.anchoredAt.blockNumber.toString() },
    };
  });

  app.get('/credentials/:uid/status', {
    schema: {
      tags: ['credentials'],
      params: Type.Object({ uid: Bytes32 }),
      response: { 200: Type.Object({ uid: Bytes32, valid: Type.Boolean() }), ...errorReplies },
    },
  }, async (request) => {
    const { uid } = request.params as { uid: `0x${string}` };
    return { uid, valid: await app.chain.reader.isCredentialValid({ uid }) };
  });
};
