import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getAddress, type Address as Addr, type Hash, type Hex } from 'viem';
import { checkAccess, getGrant, SHARE_CONTENT_ALGORITHM, SHARE_KEY_ALGORITHM, type ShareEnvelope } from '@identree/sdk';
import { ServiceError, forbidden, notFound } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import type { BlobStore } from '@identree/store';
import type { Storage } from '@identree/store';
import { Address, Bytes32, errorReplies } from './schemas.js';

/**
 * 256 KiB: the blob store names a blob up to one chunk by the same raw CID the envelope carries
 * (larger files become UnixFS DAGs with another CID). Disclosures are a few hundred bytes.
 */
const MAX_CIPHERTEXT = 256 * 1024;

const Envelope = Type.Object(
  {
    version: Type.Literal(1),
    contentAlgorithm: Type.Literal(SHARE_CONTENT_ALGORITHM),
    keyAlgorithm: Type.Literal(SHARE_KEY_ALGORITHM),
    holder: Address,
    uid: Bytes32,
    cid: Type.String({ minLength: 8, maxLength: 128, pattern: '^b[a-z2-7]+$' }),
    nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{16}$' }),
    recipients: Type.Array(Type.Object({ verifier: Address, wrappedKey: Type.String({ minLength: 16, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false }), { minItems: 1, maxItems: 32 }),
  },
  { additionalProperties: false },
);
const ShareBody = Type.Object(
  { envelope: Envelope, ciphertext: Type.String({ minLength: 4, maxLength: Math.ceil((MAX_CIPHERTEXT * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/_-]+={0,2}$', description: 'base64 of the AES-GCM ciphertext' }) },
  { additionalProperties: false },
);

const gone = (code: 'grant_revoked' | 'grant_expired', message: string) => new ServiceError(code, message);

/**
 * Encrypted sharing (the seed's "re-encrypt the key for a third party, revoke by removing it"). The
 * holder stores a sealed share of a credential's disclosures: the ciphertext goes to the blob store,
 * each verifier's wrapped key to the database. A verifier gets its wrapped key and the ciphertext
 * only while its grant is live both in the index and on chain (`checkAccess` in the latest block), its
 * credential is not revoked and its holder is active,
 * so a revocation stops new access at once; the indexer deletes the wrapped key on `AccessRevoked`.
 */
export const shareRoutes: FastifyPluginAsync<{ storage: Storage; blobs: BlobStore }> = async (app, { storage, blobs }) => {
  const holderRegistry = app.chain.holderRegistry;
  const reader = app.chain.reader as never;

  app.put('/shares', {
    preHandler: app.requireAuth(),
    bodyLimit: 2 * MAX_CIPHERTEXT,
    schema: {
      tags: ['consent'], security: [{ bearer: [] }], body: ShareBody,
      response: { 201: Type.Object({ cid: Type.String(), verifiers: Type.Array(Address) }), ...errorReplies },
    },
  }, async (request, reply) => {
    const { envelope, ciphertext } = request.body as { envelope: ShareEnvelope; ciphertext: string };
    const holder = await callerIdentity(app, request);
    if (getAddress(envelope.holder) !== holder) throw forbidden('you can only share your own credentials');
    const now = Math.floor(Date.now() / 1000);
    for (const [i, r] of envelope.recipients.entries()) {
      const grant = await storage.grants.get(holder, r.verifier, envelope.uid);
      if (!grant || grant.revoked || grant.expiresAt <= now) {
        throw new ServiceError('no_live_grant', `body.envelope.recipients.${i}.verifier ${getAddress(r.verifier)} has no live grant for ${envelope.uid}: grant access first`);
      }
    }
    const bytes = Buffer.from(ciphertext, ciphertext.includes('-') || ciphertext.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === 0 || bytes.length > MAX_CIPHERTEXT) throw new ServiceError('invalid_request', `body.ciphertext must decode to 1 to ${MAX_CIPHERTEXT} bytes`);
    const cid = await blobs.put(new Uint8Array(bytes));
    if (cid !== envelope.cid) throw new ServiceError('invalid_request', `body.envelope.cid ${envelope.cid} is not the ciphertext's CID (${cid})`);
    const verifiers: Addr[] = [];
    await storage.transaction(async (tx) => {
      for (const r of envelope.recipients) {
        // Each verifier's row carries only its own wrapped key: one verifier never sees another's.
        await tx.shareKeys.put({ holder, verifier: r.verifier, uid: envelope.uid, cid, envelope: { ...envelope, holder, recipients: [{ verifier: getAddress(r.verifier), wrappedKey: r.wrappedKey }] } });
        verifiers.push(getAddress(r.verifier));
      }
    });
    return reply.status(201).send({ cid, verifiers });
  });

  app.get('/shares/:holder/:uid', {
    preHandler: app.requireAuth(),
    schema: {
      tags: ['consent'], security: [{ bearer: [] }], params: Type.Object({ holder: Address, uid: Bytes32 }),
      response: { 200: Type.Object({ envelope: Envelope, ciphertext: Type.String({ description: 'base64url' }) }), 410: Type.Object({ error: Type.String(), message: Type.String() }), ...errorReplies },
    },
  }, async (request, reply) => {
    const { holder: rawHolder, uid } = request.params as { holder: Addr; uid: Hash };
    const holder = getAddress(rawHolder);
    const verifier = await callerIdentity(app, request);
    const grant = await storage.grants.get(holder, verifier, uid);
    // Every read is logged for the holder, a refused one too, before anything is served.
    const log = (success: boolean, detail: string | null) => storage.serviceAccessLog.append({
      holder, accessor: verifier, accessorName: null, channel: 'share_read', uids: [uid], attributes: grant ? [grant.attributes] : [], success, detail, releaseId: null,
    });
    const serve = async () => {
      if (!grant) throw forbidden('no grant from this holder to you for this credential');
      if (grant.revoked) {
        await storage.shareKeys.remove(holder, verifier, uid);
        throw gone('grant_revoked', 'the holder revoked this grant');
      }
      // The index may lag the chain: the chain has the last word, so a revocation in the latest block counts.
      if (!(await checkAccess(reader, { holderRegistry, holder, verifier, uid, attributes: grant.attributes as Hex }))) {
        // Revocation deletes the grant on chain; the index still has it, so it was revoked after the last indexed block.
        const onChain = await getGrant(reader, { holderRegistry, holder, verifier, uid });
        if (!onChain) {
          await storage.shareKeys.remove(holder, verifier, uid);
          throw gone('grant_revoked', 'the holder revoked this grant');
        }
        const head = await app.chain.reader.getBlock();
        if (Number(head.timestamp) >= onChain.expiresAt) throw gone('grant_expired', 'this grant has expired');
        throw forbidden('the holder no longer holds this credential');
      }
      // A live grant is not enough: shared data stops with the credential it came from and with the
      // holder's standing, read from the chain at this request.
      const [credential, entity] = await Promise.all([app.chain.reader.getCredential({ uid }), app.chain.reader.getEntity({ entity: holder })]);
      if (credential?.revoked) throw new ServiceError('credential_revoked', `credential ${uid} was revoked by its issuer: its shared data is no longer served`);
      if (entity?.status === 'Suspended') throw new ServiceError('holder_suspended', `the holder ${holder} is suspended: its shared data is not served until it is reinstated`);
      if (entity?.status === 'Revoked') throw new ServiceError('holder_revoked', `the holder ${holder} is revoked: its shared data is no longer served`);
      const share = await storage.shareKeys.get(holder, verifier, uid);
      if (!share) throw notFound('share');
      const bytes = await blobs.get(share.cid);
      if (!bytes) throw notFound(`blob ${share.cid}`);
      return { envelope: share.envelope, ciphertext: Buffer.from(bytes).toString('base64url') };
    };
    let served: Awaited<ReturnType<typeof serve>>;
    try {
      served = await serve();
    } catch (error) {
      await log(false, error instanceof ServiceError ? error.code : 'error');
      throw error;
    }
    await log(true, null);
    reply.header('cache-control', 'no-store');
    return served;
  });
};
