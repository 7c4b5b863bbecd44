import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hex } from 'viem';
import { decodeRegistryCall, DEFAULT_HOLDER_MESSAGE_LIFETIME, identityOf, getHolderMessageNonce, prepareHolderTypedData, simulateRegistryWrite, UnknownRegistryCallError } from '@identree/sdk';
import { forbidden, ServiceError } from '../errors.js';
import type { HolderWriteDeps } from '../consent/relayHolderWrite.js';
import { AUTHORITY_WRITES, authorityWriteOf } from '../authority/authorityWriteTable.js';
import { postHolderWrite } from './holderWriteRoute.js';
import { HolderTypedData } from './holderTypedData.js';
import { Address, Deadline, errorReplies } from './schemas.js';

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** Every authority write is relayable; the relay routes each by its selector to the contract the table names. */
const RELAYABLE_FUNCTIONS = AUTHORITY_WRITES.map((w) => w.functionName);

const AuthorityCallBody = Type.Object({
  signer: Address,
  data: Type.String({ pattern: '^0x([0-9a-fA-F]{2}){4,}$', maxLength: 32_768, description: 'The calldata from POST /prepare/{write}/relayed (an identity-registry call, or the holder registry\'s rebindByRegistrar, reportCompromise or logAccess)' }),
  deadline: Deadline,
  signature: Type.String({ pattern: '^0x([0-9a-fA-F]{2}){65,}$', maxLength: 8_192, description: 'The signer\'s EIP-712 signature of the AuthorityCall message' }),
}, { additionalProperties: false });

/**
 * Authorities without ether (issue 17): `POST /prepare/{write}/relayed` answers the EIP-712 AuthorityCall to sign
 * instead of a transaction, and `POST /relay/authority-call` has the sponsor relay the signed call, within the
 * signer's entity's quota. The call is simulated as the signer before anything is stored, so a refusal is its typed
 * error with no gas spent; the registry then acts for the signer's identity exactly as for a direct call.
 */
export const authorityRelayRoutes: FastifyPluginAsync<Omit<HolderWriteDeps, 'waitMs'> & { waitMs?: number }> = async (app, options) => {
  const deps: HolderWriteDeps = { writes: options.writes, waitMs: options.waitMs ?? 10_000 };
  for (const write of AUTHORITY_WRITES) {
    app.post(`/prepare/${write.name}/relayed`, {
      preHandler: app.requireAuth(),
      schema: {
        operationId: `prepare${pascal(write.name)}Relayed`,
        summary: `${write.summary}: prepare the message for the sponsor to relay`,
        description: `${write.description} Answers the EIP-712 AuthorityCall message for the signed-in key to sign; submit the signature to POST /relay/authority-call, and the sponsor pays the gas.`,
        tags: ['prepared writes'],
        security: [{ bearer: [] }],
        body: write.body,
        response: { 200: HolderTypedData, ...errorReplies },
      },
    }, async (request) => {
      const signer = request.user!.address as Addr;
      const call = write.prepare({ registry: app.chain.registry, holderRegistry: app.chain.holderRegistry }, request.body);
      // Run as the signer, as the relay will: a refusal is its typed revert, and a key with no ether is no obstacle.
      await simulateRegistryWrite(app.chain.reader as never, { to: call.to, data: call.data, contract: write.contract, account: signer });
      const nonce = await getHolderMessageNonce(app.chain.reader as never, { registry: app.chain.registry, holderRegistry: app.chain.holderRegistry, primaryType: 'AuthorityCall', signer });
      const deadline = BigInt(Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME);
      const typed = prepareHolderTypedData({
        chainId: app.chain.chainId, verifyingContract: app.chain.holderRegistry, primaryType: 'AuthorityCall', message: { signer, data: call.data, nonce, deadline },
      });
      const message = Object.fromEntries(Object.entries(typed.message as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
      return { ...typed, message };
    });
  }

  postHolderWrite<Static<typeof AuthorityCallBody>>(app, deps, {
    url: '/relay/authority-call',
    tag: 'prepared writes',
    description: 'Relays an authority\'s signed AuthorityCall (from POST /prepare/{write}/relayed) and pays for it. The signed-in key must be the signer; '
      + 'the sponsor pays only for active governments, admins, issuers and organizations, within their quota, and the gas is charged to the entity in the audit log. '
      + 'A verifier\'s log-access is paid for when the signer acts for an active entity of any kind and the holder, a registered entity, granted it access to that credential (live or expired); never for a non-entity.',
    body: AuthorityCallBody,
    authorize: async (caller, body) => {
      // One identity never spends another's signed call: the signer must act for the signed-in identity.
      const signerIdentity = await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key: getAddress(body.signer) });
      if (signerIdentity === null || getAddress(signerIdentity) !== caller) throw forbidden('the call is signed by a key that does not act for you: sign in with the key that signed it');
      let call: ReturnType<typeof decodeRegistryCall>;
      try {
        // Either contract's: the relay sends the holder registry's own writes to itself, the rest to the registry.
        call = decodeRegistryCall(body.data as Hex);
      } catch (error) {
        if (error instanceof UnknownRegistryCallError) throw new ServiceError('invalid_transaction', 'data is neither an identity-registry call nor a holder-registry call');
        throw error;
      }
      if (!authorityWriteOf(call.contract, call.functionName)) {
        throw new ServiceError('invalid_transaction', `${call.functionName} is not an authority write the sponsor relays (relayable: ${RELAYABLE_FUNCTIONS.join(', ')})`);
      }
    },
    functionName: 'relayAuthorityCall',
    args: (b) => [getAddress(b.signer), b.data as Hex, BigInt(b.deadline), b.signature as Hex],
  });
};
