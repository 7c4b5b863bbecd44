import type { FastifyPluginAsync } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Address as Addr } from 'viem';
import { DEFAULT_HOLDER_MESSAGE_LIFETIME, getHolderMessageNonce, HOLDER_MESSAGE_TYPES, HOLDER_REGISTRY_TYPES, prepareHolderTypedData, type HolderTypedDataType } from '@identree/sdk';
import { Address, AttributesDigest, Bytes32, Deadline, errorReplies } from './schemas.js';

/** The JSON schema of each EIP-712 field type the holder messages use. */
const fieldSchema: Record<string, TSchema> = {
  address: Address,
  bytes32: Bytes32,
  bytes26: AttributesDigest,
  uint8: Type.Integer({ minimum: 0, maximum: 255 }),
  uint32: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
};

/** Which route answers which message, what it relays through, and whose nonce it consumes. */
const MESSAGES: { primaryType: HolderTypedDataType; route: string; signer: string; submit: string }[] = [
  { primaryType: 'LinkCredential', route: 'link-credential', signer: 'holder', submit: 'POST /tree/link' },
  { primaryType: 'UnlinkCredential', route: 'unlink-credential', signer: 'holder', submit: 'POST /tree/unlink' },
  { primaryType: 'GrantAccess', route: 'grant-access', signer: 'holder', submit: 'POST /grants' },
  { primaryType: 'RevokeAccess', route: 'revoke-access', signer: 'holder', submit: 'POST /grants/revoke' },
  { primaryType: 'AddGuardian', route: 'add-guardian', signer: 'identity', submit: 'POST /guardians' },
  { primaryType: 'RemoveGuardian', route: 'remove-guardian', signer: 'identity', submit: 'POST /guardians/remove' },
  { primaryType: 'ApproveRecovery', route: 'approve-recovery', signer: 'guardian', submit: 'POST /recoveries/approvals' },
  { primaryType: 'CancelRecovery', route: 'cancel-recovery', signer: 'identity', submit: 'POST /recoveries/cancel' },
  { primaryType: 'RotateKey', route: 'rotate-key', signer: 'identity', submit: 'POST /keys/rotate (signed by the current key)' },
  { primaryType: 'AcceptKey', route: 'accept-key', signer: 'identity', submit: 'POST /keys/rotate (signed by the new key)' },
];

const fieldsOf = (t: HolderTypedDataType) =>
  ((HOLDER_MESSAGE_TYPES as Record<string, readonly { name: string; type: string }[]>)[t] ?? (HOLDER_REGISTRY_TYPES as Record<string, readonly { name: string; type: string }[]>)[t])!;
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

export const HolderTypedData = Type.Object({
  domain: Type.Object({ name: Type.String(), version: Type.String(), chainId: Type.Integer(), verifyingContract: Address }),
  types: Type.Record(Type.String(), Type.Array(Type.Object({ name: Type.String(), type: Type.String() }))),
  primaryType: Type.String(),
  message: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()]), { description: 'uint256 fields (nonce, deadline) as decimal strings' }),
}, { description: 'EIP-712 typed data, ready for a wallet\'s eth_signTypedData_v4' });

/**
 * The first half of every relayed holder write: the EIP-712 message to sign, with the signer's
 * current nonce and a deadline, for a wallet that cannot read the chain itself. Nothing is stored;
 * the signature goes to the write's own route, which relays it and pays.
 */
export const holderTypedDataRoutes: FastifyPluginAsync = async (app) => {
  for (const m of MESSAGES) {
    const fields = fieldsOf(m.primaryType).filter((f) => f.name !== 'nonce' && f.name !== 'deadline');
    const body = Type.Object({
      ...Object.fromEntries(fields.map((f) => [f.name, fieldSchema[f.type]!])),
      deadline: Type.Optional({ ...Deadline, description: `Unix seconds; default ${DEFAULT_HOLDER_MESSAGE_LIFETIME} s from now` }),
    }, { additionalProperties: false });
    app.post(`/prepare/holder/${m.route}`, {
      schema: {
        operationId: `prepareHolder${pascal(m.route)}`,
        summary: `${m.primaryType}: the message to sign`,
        description: `Answers the EIP-712 ${m.primaryType} message with the ${m.signer}'s current nonce; the ${m.signer}'s key signs it and ${m.submit} relays it, paid by the sponsor.`,
        tags: ['prepared writes'],
        body,
        response: { 200: HolderTypedData, ...errorReplies },
      },
    }, async (request) => {
      const input = request.body as Record<string, unknown> & { deadline?: number };
      const signer = input[m.signer] as Addr;
      const nonce = await getHolderMessageNonce(app.chain.reader as never, { registry: app.chain.registry, holderRegistry: app.chain.holderRegistry, primaryType: m.primaryType, signer });
      const deadline = BigInt(input.deadline ?? Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME);
      const onRegistry = Object.hasOwn(HOLDER_MESSAGE_TYPES, m.primaryType);
      const { deadline: _d, ...fieldsIn } = input;
      const typed = prepareHolderTypedData({
        chainId: app.chain.chainId,
        verifyingContract: onRegistry ? app.chain.registry : app.chain.holderRegistry,
        primaryType: m.primaryType,
        message: { ...fieldsIn, nonce, deadline } as never,
      });
      const message = Object.fromEntries(Object.entries(typed.message as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
      return { ...typed, message };
    });
  }
};
