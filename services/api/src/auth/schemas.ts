import { Type, type Static } from '@sinclair/typebox';

/** The body of every error answer, as `installErrorHandler` sends it. */
export const ErrorReply = Type.Object({ error: Type.String(), message: Type.String() });

export const NonceReply = Type.Object(
  {
    nonce: Type.String({ pattern: '^[a-zA-Z0-9]{8,}$', description: 'Goes in the Nonce field of the EIP-4361 message; usable once.' }),
    expiresAt: Type.String({ format: 'date-time' }),
    domain: Type.String({ description: 'The Domain the message must name (the service\'s host)' }),
    uri: Type.String({ description: 'The URI the message must name (with or without a trailing slash)' }),
    chainId: Type.Integer({ description: 'The Chain ID the message must name' }),
    version: Type.Literal('1'),
    statement: Type.String({ description: 'A statement to show the signer; optional in the message' }),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 8192, description: 'EIP-4361 (Sign-In with Ethereum) message, as signed' }),
    // ERC-6492 signatures wrap a factory call, hence the generous bound.
    signature: Type.String({ pattern: '^0x[0-9a-fA-F]+$', maxLength: 16384, description: 'personal_sign signature of the message' }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginReply = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'seconds' }),
    address: Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' }),
    role: Type.String({ description: "the entity's kind on chain, or 'visitor' for an unregistered account" }),
  },
  { additionalProperties: false },
);

export const JwksReply = Type.Object(
  {
    keys: Type.Array(
      Type.Object({
        kty: Type.Literal('OKP'),
        crv: Type.Literal('Ed25519'),
        x: Type.String(),
        kid: Type.String(),
        alg: Type.Literal('EdDSA'),
        use: Type.Literal('sig'),
      }),
    ),
  },
  { additionalProperties: false },
);

/** The statement `/auth/nonce` offers for the message; the login does not require it. */
export const SIWE_STATEMENT = 'Sign in to Identree with this account.';
