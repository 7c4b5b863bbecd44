import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr } from 'viem';
import type { Storage } from '@identree/store';
import { credentialTypeName, isValidNow } from './credentialView.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const HolderCredential = Type.Object({
  uid: Bytes32,
  type: Type.String(),
  issuer: Address,
  level: Type.String(),
  linked: Type.Boolean(),
  valid: Type.Boolean(),
  revoked: Type.Boolean(),
  validFrom: Type.Integer(),
  validUntil: Type.Integer(),
});

/**
 * Every credential anchored for an entity, linked into its tree or not, from the read model: what a
 * wallet shows before the holder links one. Commitments only, like the tree; nothing personal.
 */
export const holderCredentialRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/entities/:address/credentials', {
    schema: {
      tags: ['identity tree'],
      operationId: 'listEntityCredentials',
      summary: 'The credentials anchored for an entity, linked or not',
      params: Type.Object({ address: Address }),
      response: { 200: Type.Object({ holder: Address, credentials: Type.Array(HolderCredential) }), ...errorReplies },
    },
  }, async (request) => {
    const holder = getAddress((request.params as { address: Addr }).address);
    const rows = await storage.credentials.listByHolder(holder);
    return {
      holder,
      credentials: await Promise.all(rows.map(async (c) => ({
        uid: c.uid, type: await credentialTypeName(app, c.credentialType), issuer: getAddress(c.issuer), level: c.level, linked: c.linked,
        valid: isValidNow(c), revoked: c.revoked, validFrom: c.validFrom, validUntil: c.validUntil,
      }))),
    };
  });
};
