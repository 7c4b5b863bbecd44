import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr } from 'viem';
import { notFound } from '../errors.js';
import type { CredentialRecord, EntityRecord, Storage } from '@identree/store';
import { Address, Bytes32, errorReplies } from './schemas.js';
import { credentialTypeName, isValidNow } from './credentialView.js';

const EntityReply = Type.Object({
  account: Address,
  registrar: Address,
  kind: Type.String(),
  status: Type.String(),
  tokenId: Type.String(),
  registeredAt: Type.Object({ blockNumber: Type.String(), transactionHash: Bytes32, logIndex: Type.Integer() }),
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

export const entityView = (e: EntityRecord) => ({
  account: getAddress(e.account),
  registrar: getAddress(e.registrar),
  kind: e.kind,
  status: e.status,
  tokenId: e.tokenId.toString(),
  registeredAt: { ...e.registration, blockNumber: e.registration.blockNumber.toString() },
});

/** Entities and identity trees, served from the indexed read model (never a chain scan per request). */
export const entityRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/entities/:address', {
    schema: { tags: ['entities'], params: Type.Object({ address: Address }), response: { 200: EntityReply, ...errorReplies } },
  }, async (request) => {
    const { address } = request.params as { address: Addr };
    const entity = await storage.entities.get(address);
    if (!entity) throw notFound(`entity ${address}`);
    return entityView(entity);
  });

  app.get('/entities/:address/tree', {
    schema: {
      tags: ['identity tree'],
      params: Type.Object({ address: Address }),
      response: { 200: Type.Object({ holder: EntityReply, credentials: Type.Array(TreeEntry) }), ...errorReplies },
    },
  }, async (request) => {
    const { address } = request.params as { address: Addr };
    const holder = await storage.entities.get(address);
    if (!holder) throw notFound(`entity ${address}`);
    const links = (await storage.links.listByHolder(address)).filter((l) => l.linked);
    const credentials = (await Promise.all(links.map((l) => storage.credentials.get(l.uid)))).filter(
      (c): c is CredentialRecord => c !== null && c.subject.toLowerCase() === address.toLowerCase(),
    );
    const issuers = new Map<string, EntityRecord | null>();
    for (const c of credentials) if (!issuers.has(c.issuer)) issuers.set(c.issuer, await storage.entities.get(c.issuer));
    return {
      holder: entityView(holder),
      credentials: await Promise.all(credentials.map(async (c) => ({
        uid: c.uid, type: await credentialTypeName(app, c.credentialType), issuer: getAddress(c.issuer), issuerKind: issuers.get(c.issuer)?.kind ?? null,
        level: c.level, valid: isValidNow(c), revoked: c.revoked, validFrom: c.validFrom, validUntil: c.validUntil,
      }))),
    };
  });
};
