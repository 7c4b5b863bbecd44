import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, numberToHex } from 'viem';
import { toIdentreeDid } from '@identree/sdk';
import { ServiceError, notFound } from '../errors.js';
import { errorReplies } from './schemas.js';

const MAX_TOKEN_ID = (1n << 160n) - 1n;

/**
 * ERC-721 metadata JSON for each identity token (token id = the identity's address as a decimal
 * uint160), the document a wallet reads from `tokenURI` once the root sets the base URI to
 * `<PUBLIC_URL>/tokens/`.
 */
export const tokenMetadataRoutes: FastifyPluginAsync = async (app) => {
  app.get('/tokens/:tokenId', {
    schema: {
      tags: ['dids'],
      params: Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 49 }) }),
      response: {
        200: Type.Object({
          name: Type.String(), description: Type.String(), external_url: Type.String(),
          attributes: Type.Array(Type.Object({ trait_type: Type.String(), value: Type.String() })),
        }),
        ...errorReplies,
      },
    },
  }, async (request) => {
    const { tokenId } = request.params as { tokenId: string };
    if (!/^(0|[1-9][0-9]*)$/.test(tokenId) || BigInt(tokenId) > MAX_TOKEN_ID) {
      throw new ServiceError('invalid_request', `params.tokenId must be a decimal uint160 (the identity's address as a number), got "${tokenId}"`);
    }
    const identity = getAddress(numberToHex(BigInt(tokenId), { size: 20 }));
    const entity = await app.chain.reader.getEntity({ entity: identity });
    if (!entity) throw notFound(`identity token ${tokenId}`);
    const did = toIdentreeDid({ chainId: app.chain.chainId, address: identity });
    return {
      name: `Identree identity: ${entity.kind}`,
      description: `The soulbound identity token of ${did}, registered by ${toIdentreeDid({ chainId: app.chain.chainId, address: entity.registrar })}.`,
      external_url: did,
      attributes: [
        { trait_type: 'Kind', value: entity.kind },
        { trait_type: 'Status', value: entity.status },
        { trait_type: 'DID', value: did },
        { trait_type: 'Registered', value: new Date(Number(entity.registeredAt) * 1000).toISOString() },
      ],
    };
  });
};
