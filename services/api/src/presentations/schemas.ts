import { Type } from '@sinclair/typebox';
import { presentationSchema } from '@identree/sdk';
import { Bytes32 } from '../routes/schemas.js';

export const Audience = Type.String({ minLength: 1, maxLength: 256, description: "The verifier's identifier, e.g. its origin" });
const Level = Type.Union([Type.Literal('Uncertified'), Type.Literal('Accredited'), Type.Literal('GovernmentCertified')]);

/** `POST /presentations/verify`: what the holder presented, to whom, and the verifier's policy. */
export const VerifyPresentationBody = Type.Object(
  {
    audience: Audience,
    presentation: Type.Unsafe(presentationSchema),
    nonce: Type.Optional(
      Type.String({
        pattern: Bytes32.pattern,
        description: 'The challenge this verifier issued for this exchange (from POST /presentations/nonce). A presentation answering another live challenge is refused with `nonce_mismatch`; without it, any live nonce issued for the audience is accepted, and the verdict names the one used.',
      }),
    ),
    policy: Type.Optional(
      Type.Object(
        {
          minLevel: Type.Optional(Level),
          requireLinked: Type.Optional(Type.Boolean()),
          requiredAttributes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64 })),
          requiredValues: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Type.Union([Type.String({ maxLength: 256 }), Type.Boolean()]), { maxProperties: 64 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The verdict. `valid` comes first in the serialized reply. */
export const VerdictReply = Type.Object({
  valid: Type.Boolean(),
  holder: Type.Optional(Type.String()),
  audience: Type.Optional(Type.String()),
  nonce: Type.Optional(Type.String()),
  reasons: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), credential: Type.Optional(Type.String()) })),
  credentials: Type.Optional(
    Type.Array(
      Type.Object({
        uid: Type.String(), issuer: Type.String(), type: Type.String(), level: Type.String(), linked: Type.Boolean(),
        disclosed: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]), { description: 'Disclosed attributes by name; derived claims (ageOver18, …) as booleans' }),
      }),
    ),
  ),
});
