import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hash } from 'viem';
import { forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import type { Storage } from '@identree/store';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Entry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Unknown(),
  createdAt: Type.String(),
  proof: Type.Union([
    Type.Object({ transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String(), blockHash: Bytes32 }),
    Type.Null(),
  ]),
});

/**
 * The audit log of one entity, readable by that entity and by root only. Every entry from the
 * chain names its transaction and log; `/audit/proof` checks such a reference against the chain.
 */
export const auditRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/entities/:address/audit', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['audit'],
      security: [{ bearer: [] }],
      params: Type.Object({ address: Address }),
      querystring: Type.Object({ afterId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ entries: Type.Array(Entry) }), ...errorReplies },
    },
  }, async (request) => {
    const subject = getAddress((request.params as { address: Addr }).address);
    // The identity, not the key: after a rotation the new key reads the log and the retired one cannot.
    const caller = await callerIdentity(app, request);
    if (caller !== subject && caller !== getAddress(await app.chain.reader.getRoot({}).then((r) => r.root))) {
      throw forbidden('an audit log is readable by its subject and by root only');
    }
    const q = request.query as { afterId?: string; limit?: string };
    const records = await storage.audit.listBySubject(subject, { afterId: q.afterId ? Number(q.afterId) : undefined, limit: Math.min(Number(q.limit ?? 100), 500) });
    return {
      entries: records.map((r) => ({
        id: r.id, action: r.action, actor: r.actor, payload: r.payload, createdAt: r.createdAt.toISOString(),
        proof: r.event ? { transactionHash: r.event.transactionHash, logIndex: r.event.logIndex, blockNumber: r.event.blockNumber.toString(), blockHash: r.event.blockHash } : null,
      })),
    };
  });

  app.get('/audit/proof', {
    schema: {
      tags: ['audit'],
      querystring: Type.Object({ transactionHash: Bytes32, logIndex: Type.String({ pattern: '^[0-9]{1,6}$' }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          verified: Type.Boolean(), transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String(), blockHash: Bytes32,
          confirmations: Type.String(), registry: Address, topics: Type.Array(Bytes32), data: Type.String(),
        }),
        ...errorReplies,
      },
    },
  }, async (request) => {
    const q = request.query as { transactionHash: Hash; logIndex: string };
    const receipt = await app.chain.reader.getTransactionReceipt({ hash: q.transactionHash }).catch(() => null);
    const log = receipt?.logs.find((l) => l.logIndex === Number(q.logIndex) && l.address.toLowerCase() === app.chain.registry.toLowerCase());
    if (!receipt || !log) throw notFound('registry event');
    // The block must still be canonical: the receipt's block hash is the chain's block at that height.
    const block = await app.chain.reader.getBlock({ blockNumber: receipt.blockNumber });
    const head = await app.chain.reader.getBlockNumber({ cacheTime: 0 });
    return {
      verified: block.hash === receipt.blockHash, transactionHash: q.transactionHash, logIndex: log.logIndex, blockNumber: receipt.blockNumber.toString(),
      blockHash: receipt.blockHash, confirmations: (head - receipt.blockNumber + 1n).toString(), registry: getAddress(log.address), topics: log.topics as Hash[], data: log.data,
    };
  });
};
