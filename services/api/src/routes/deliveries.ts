import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hash } from 'viem';
import { keyOf } from '@identree/sdk';
import type { CredentialDeliveryRecord, Storage } from '@identree/store';
import { ServiceError, forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { Address, Bytes32, errorReplies } from './schemas.js';

/** 256 KiB of base64url: a VC document with its salts and its SD-JWT form is a few KiB. */
const MAX_CIPHERTEXT_CHARS = 349_526;

const CredentialEnvelope = Type.Object({
  version: Type.Literal(1),
  contentAlgorithm: Type.Literal('A256GCM'),
  keyAlgorithm: Type.Literal('ECIES-secp256k1'),
  holder: { ...Address, description: 'The credential\'s subject' },
  key: { ...Address, description: 'The key it is sealed to: the subject\'s current key' },
  uid: Bytes32,
  nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{16}$' }),
  wrappedKey: Type.String({ minLength: 16, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' }),
}, { additionalProperties: false });
const DeliveryBody = Type.Object({
  envelope: CredentialEnvelope,
  ciphertext: Type.String({ minLength: 4, maxLength: MAX_CIPHERTEXT_CHARS, pattern: '^[A-Za-z0-9_-]+$', description: 'base64url of the AES-GCM ciphertext (SDK sealCredential)' }),
}, { additionalProperties: false });
const Delivery = Type.Object({
  id: Type.Integer(), uid: Bytes32, issuer: Address, holder: Address, envelope: CredentialEnvelope, ciphertext: Type.String(), deliveredAt: Type.String({ format: 'date-time' }),
});
const view = (d: CredentialDeliveryRecord) => ({
  id: d.id, uid: d.uid, issuer: getAddress(d.issuer), holder: getAddress(d.holder), envelope: d.envelope as never, ciphertext: d.ciphertext, deliveredAt: d.createdAt.toISOString(),
});

/**
 * Credential delivery: the issuer seals the VC document (and its SD-JWT form) to the holder's
 * current key with the SDK (`sealCredential`), the service keeps what it cannot read, and the
 * holder lists and fetches its own, and no one else's (`openCredential` with its key).
 */
export const deliveryRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  const currentKey = async (identity: Addr) => {
    const key = await keyOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, identity });
    return key ? getAddress(key) : null;
  };

  app.get('/identities/:address/public-key', {
    schema: {
      operationId: 'getIdentityPublicKey', summary: 'The public key to seal a credential to',
      description: 'The secp256k1 public key of the key that controls the identity now, known once that key has signed in (it is recovered from its sign-in signature).',
      tags: ['credential delivery'], params: Type.Object({ address: Address }),
      response: { 200: Type.Object({ identity: Address, key: Address, publicKey: Type.String({ pattern: '^0x04[0-9a-f]{128}$' }) }), ...errorReplies },
    },
  }, async (request) => {
    const identity = getAddress((request.params as { address: Addr }).address);
    const key = await currentKey(identity);
    if (!key) throw notFound(`identity ${identity}`);
    const publicKey = await storage.holderPublicKeys.get(key);
    if (!publicKey) throw notFound(`the public key of ${key} (it has not signed in yet; ask the holder to sign in once)`);
    return { identity, key, publicKey };
  });

  app.post('/deliveries', {
    preHandler: app.requireAuth(),
    bodyLimit: 2 * MAX_CIPHERTEXT_CHARS,
    schema: {
      operationId: 'deliverCredential', summary: 'Deliver a sealed credential to its holder',
      description: 'The issuer of an anchored credential hands its holder the document, sealed to the holder\'s current key (SDK sealCredential). A second delivery of the same credential replaces the first.',
      tags: ['credential delivery'], security: [{ bearer: [] }], body: DeliveryBody,
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorReplies },
    },
  }, async (request, reply) => {
    const { envelope, ciphertext } = request.body as { envelope: { holder: Addr; key: Addr; uid: Hash }; ciphertext: string };
    const issuer = await callerIdentity(app, request);
    const credential = await storage.credentials.get(envelope.uid);
    if (!credential) throw notFound(`credential ${envelope.uid} (not anchored, or not indexed yet)`);
    if (getAddress(credential.issuer) !== issuer) throw forbidden('only the credential\'s issuer delivers it');
    if (getAddress(credential.subject) !== getAddress(envelope.holder)) {
      throw new ServiceError('invalid_request', `body.envelope.holder must be the credential's subject ${getAddress(credential.subject)}`);
    }
    // Sealed to any other key, the holder could not open it, or someone else could.
    const key = await currentKey(getAddress(envelope.holder));
    if (key !== getAddress(envelope.key)) throw new ServiceError('invalid_request', `body.envelope.key must be the holder's current key ${key}`);
    const stored = await storage.deliveries.put({ holder: envelope.holder, issuer, uid: envelope.uid, envelope: envelope as never, ciphertext });
    return reply.status(201).send({ id: stored.id });
  });

  app.get('/me/credentials', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'listMyCredentials', summary: 'The credentials delivered to the signed-in holder',
      description: 'Sealed to the holder\'s key; open each with the SDK\'s openCredential. Only the identity the signed-in key acts for now.',
      tags: ['credential delivery'], security: [{ bearer: [] }], response: { 200: Type.Object({ credentials: Type.Array(Delivery) }), ...errorReplies },
    },
  }, async (request, reply) => {
    const holder = await callerIdentity(app, request);
    reply.header('cache-control', 'no-store');
    return { credentials: (await storage.deliveries.listByHolder(holder)).map(view) };
  });

  app.get('/me/credentials/:id', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'getMyCredential', summary: 'One credential delivered to the signed-in holder',
      tags: ['credential delivery'], security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) }),
      response: { 200: Delivery, ...errorReplies },
    },
  }, async (request, reply) => {
    const holder = await callerIdentity(app, request);
    const found = await storage.deliveries.get(Number((request.params as { id: string }).id));
    // Someone else's delivery is indistinguishable from a missing one.
    if (!found || getAddress(found.holder) !== holder) throw notFound('credential delivery');
    reply.header('cache-control', 'no-store');
    return view(found);
  });
};
