import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress } from 'viem';
import { notFound } from '../errors.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

const EntityReply = Type.Object({
  account: Address,
  registrar: Address,
  kind: Type.String(),
  status: Type.String(),
  registeredAt: Type.String(),
  linkedCredentials: Type.Integer(),
  tokenId: Type.String(),
});

const TreeEntry = Type.Object({
  uid: Bytes32,
  type: Type.String(),
  issuer: Address,
  issuerKind: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  valid: Type.Boolean(),
  revoked: Type.Boolean(),
  validFrom: Type.Integer(),
  validUntil: Type.Integer(),
});

export const entityRoutes: FastifyPluginAsync = async (app) => {
  app.get('/entities/:address', {
    schema: { tags: ['entities'], params: Type.Object({ address: Address }), response: { 200: EntityReply, ...errorReplies } },
  }, async (request) => {
    const { address } = request.params as { address: `0x${string}` };
    const entity = await app.chain.reader.getEntity({ entity: getAddress(address) });
    if (!entity) throw notFound(`entity ${address}`);
    return { ...entity, registeredAt: entity.registeredAt.toString(), tokenId: entity.tokenId.toString() };
  });

  app.get('/entities/:address/tree', {
    schema: {
      tags: ['identity tree'],
      params: Type.Object({ address: Address }),
      response: { 200: Type.Object({ holder: EntityReply, credentials: Type.Array(TreeEntry) }), ...errorReplies },
    },
  }, async (request) => {
    const { address } = request.params as { address: `0x${string}` };
    const tree = await app.chain.reader.getIdentityTree({ holder: getAddress(address), fromBlock: app.chain.fromBlock });
    if (!tree) throw notFound(`entity ${address}`);
    const { holder } = tree;
    return {
      holder: { ...holder, registeredAt: holder.registeredAt.toString(), tokenId: holder.tokenId.toString() },
      credentials: tree.credentials.map((c) => ({
        uid: c.uid, type: c.typeName, issuer: c.issuer, issuerKind: c.issuerEntity?.kind ?? null, level: c.level,
        valid: c.valid, revoked: c.revoked, validFrom: c.validFrom, validUntil: c.validUntil,
      })),
    };
  });
};
