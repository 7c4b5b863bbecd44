import { Type } from '@sinclair/typebox';

export const Address = Type.String({ pattern: '^0x[0-9a-fA-F]{40}$', description: 'An EVM address' });
export const Bytes32 = Type.String({ pattern: '^0x[0-9a-fA-F]{64}$', description: '32 bytes, hex' });
/** A grant's attributes: 26 bytes whose last five are zero (the contract keeps the grant's time there). */
export const AttributesDigest = Type.String({
  pattern: '^0x[0-9a-fA-F]{42}0{10}$',
  description: '26 bytes, hex, ending in five zero bytes: zero for the whole credential, else attributesDigest(names)',
});
export const ErrorReply = Type.Object({ error: Type.String(), message: Type.String() });
export const errorReplies = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 422: ErrorReply };

// Relayed holder messages (consent, guardians, recovery, rotation).
/** A 65-byte ECDSA signature, or a longer ERC-1271 one: whole bytes of hex, bounded. */
export const Signature = Type.String({ pattern: '^0x([0-9a-fA-F]{2}){65,}$', maxLength: 4_096, description: 'EIP-712 signature, hex' });
export const Deadline = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Unix seconds' });
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }) }, { additionalProperties: true });
export const WriteReply = Type.Object({
  id: Type.Integer(), status: Type.String(), transactionHash: Type.Union([Type.String(), Type.Null()]), response: Type.Optional(Type.Unknown()), error: Type.Optional(Type.String()),
});
