import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr } from 'viem';
import { keyOf } from '@identree/sdk';
import { forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import type { Storage } from '@identree/store';
import { Address, Bytes32, errorReplies } from './schemas.js';

const Recovery = Type.Object({ recoveryId: Bytes32, newKey: Address, approvals: Type.Array(Address), readyAt: Type.Integer(), status: Type.String() });

/**
 * Recovery reads: which key controls an identity (public, as on chain), and its guardians and
 * recoveries (for the identity itself and its guardians only: who guards whom is not public).
 */
export const recoveryRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  const known = async (address: Addr) => {
    const entity = await storage.entities.get(address);
    if (!entity) throw notFound('identity');
    return getAddress(entity.account);
  };

  app.get('/identities/:address/key', {
    schema: {
      tags: ['recovery'], params: Type.Object({ address: Address }),
      response: {
        200: Type.Object({
          identity: Address, key: Type.Union([Address, Type.Null()]),
          lastChange: Type.Union([Type.Object({ how: Type.String(), transactionHash: Bytes32, logIndex: Type.Integer(), blockNumber: Type.String() }), Type.Null()]),
        }),
        ...errorReplies,
      },
    },
  }, async (request) => {
    const identity = await known((request.params as { address: Addr }).address);
    const [key, binding] = await Promise.all([keyOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, identity }), storage.keyBindings.byIdentity(identity)]);
    return {
      identity, key: key ? getAddress(key) : null,
      lastChange: binding ? { how: binding.how, transactionHash: binding.updatedAt.transactionHash, logIndex: binding.updatedAt.logIndex, blockNumber: binding.updatedAt.blockNumber.toString() } : null,
    };
  });

  app.get('/identities/:address/guardians', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['recovery'], security: [{ bearer: [] }], params: Type.Object({ address: Address }),
      response: { 200: Type.Object({ identity: Address, guardians: Type.Array(Address), threshold: Type.Integer(), nonce: Type.Integer(), recoveries: Type.Array(Recovery) }), ...errorReplies },
    },
  }, async (request) => {
    const identity = await known((request.params as { address: Addr }).address);
    const caller = await callerIdentity(app, request);
    const set = await storage.guardians.get(identity);
    const guardians = (set?.guardians ?? []).map((g) => getAddress(g));
    if (caller !== identity && !guardians.includes(caller)) throw forbidden('guardians are visible to the identity and its guardians only');
    const recoveries = await storage.recoveries.listByIdentity(identity);
    return {
      identity, guardians, threshold: set?.threshold ?? 0, nonce: set?.nonce ?? 0,
      recoveries: recoveries.map((r) => ({ recoveryId: r.recoveryId, newKey: getAddress(r.newKey), approvals: r.approvals.map((a) => getAddress(a)), readyAt: r.readyAt, status: r.status })),
    };
  });
};
