import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr } from 'viem';
import type { Storage } from '@identree/store';
import { notFound, ServiceError } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { readRegistrationTree, topOfRegistry, type RegistrationTreeNode } from '../registry/readRegistrationTree.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

export const MAX_TREE_NODES = 1000;
const DEFAULT_TREE_NODES = 200;

const SponsoredGas = Type.Object({
  gasUsed: Type.String({ description: 'Gas units, decimal' }),
  wei: Type.String({ description: 'What the sponsor paid, in wei, decimal' }),
  writes: Type.Integer({ description: 'Relayed writes paid for, mined or reverted' }),
});

const TreeNode = Type.Object({
  account: Address,
  registrar: Address,
  kind: Type.String(),
  status: Type.String(),
  level: Type.Integer({ description: '0 for the first root, 1 for what it registered, and so on' }),
  registeredAt: Type.Object({ blockNumber: Type.String(), transactionHash: Bytes32, logIndex: Type.Integer() }),
  sponsoredGas: Type.Union([SponsoredGas, Type.Null()], { description: 'Null when the reader may not see it' }),
});

const nodeView = (n: RegistrationTreeNode) => ({
  account: getAddress(n.account),
  registrar: getAddress(n.registrar),
  kind: n.kind,
  status: n.status,
  level: n.level,
  registeredAt: { ...n.registration, blockNumber: n.registration.blockNumber.toString() },
  sponsoredGas: n.sponsoredGas && { gasUsed: n.sponsoredGas.gasUsed.toString(), wei: n.sponsoredGas.wei.toString(), writes: n.sponsoredGas.writes },
});

/**
 * The registration tree, for anyone: who registered whom is public on chain (every
 * `EntityRegistered` event names both), and this only reads it from the indexed copy. What the
 * sponsor paid for an entity is the service's own record of that entity's activity, so it goes to
 * the root authority, the entity itself and the active registrars above it (who answer for it and
 * may suspend it), and to no one else; signed out, every node's `sponsoredGas` is null.
 */
export const registrationTreeRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  app.get('/registry/tree', {
    schema: {
      tags: ['entities'],
      security: [{}, { bearer: [] }],
      querystring: Type.Object({
        from: Type.Optional(Type.String({ pattern: Address.pattern, description: 'The entity the tree starts at (default: the top of the registry, the first root)' })),
        limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: `Entities at most, 1 to ${MAX_TREE_NODES} (default ${DEFAULT_TREE_NODES})` })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ truncated: Type.Boolean(), nodes: Type.Array(TreeNode) }), ...errorReplies },
    },
  }, async (request, reply) => {
    const q = request.query as { from?: Addr; limit?: string };
    const limit = Number(q.limit ?? DEFAULT_TREE_NODES);
    if (limit < 1 || limit > MAX_TREE_NODES) throw new ServiceError('invalid_request', `querystring.limit must be 1 to ${MAX_TREE_NODES}, got ${q.limit}`);
    const root = getAddress((await app.chain.reader.getRoot({})).root);
    const viewer = await viewerOf(request, reply, root);
    const from = q.from ?? (await topOfRegistry(storage, root));
    const tree = await readRegistrationTree(storage, { from, limit, viewer });
    if (!tree) {
      // The registry always holds its first root; before the indexer reaches it, the tree is empty, not missing.
      if (q.from) throw notFound(`entity ${q.from}`);
      return { truncated: false, nodes: [] };
    }
    return { truncated: tree.truncated, nodes: tree.nodes.map(nodeView) };
  });

  /** Signed out: no one. A token, when sent, must be valid (a 401, not a quiet downgrade), and names the identity it acts for. */
  async function viewerOf(request: FastifyRequest, reply: FastifyReply, root: Addr): Promise<'all' | Addr | null> {
    if (request.headers.authorization === undefined) return null;
    await app.authenticate(request, reply);
    const identity = await callerIdentity(app, request);
    return identity === root ? 'all' : identity;
  }
};
