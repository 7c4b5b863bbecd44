import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { verifyJWT } from 'did-jwt';
import { Resolver } from 'did-resolver';
import { completeCredential, createPresentation, CredentialType, draftCredential, openCredential, sealCredential, secureCredentialJwt, type CredentialEnvelope, type IdentreeCredential } from '@identree/sdk';
import { createIdentreeClient, type IdentreeClient, type paths } from './exports/index.js';

/** Every authority write the API prepares. */
type PreparePath = Exclude<Extract<keyof paths, `/prepare/${string}`>, `/prepare/holder/${string}`>;
import { ferretdbBackendUnavailable, gethUnavailable, postgresUnavailable, startService } from './testing/startService.js';

/**
 * The README's REST walkthrough, over HTTP only, with the typed client: a government registers a
 * university and a citizen, issues the citizen's birth certificate with a parent and accredits the
 * university; the university issues a curriculum; the citizen links both and proves them to a bank;
 * the bank's verdict is valid. Every authority and the holder sign with their own keys; the service
 * never holds one; the university's key holds no ether, and the sponsor relays its signed call.
 * `geth` runs it on three geth Clique validators, the service connected as an operator connects it.
 */
/** Why a backend's run is skipped, or undefined when what it needs is here. */
const unavailable = {
  pglite: async () => undefined,
  postgres: postgresUnavailable,
  ferretdb: ferretdbBackendUnavailable,
  geth: async () => gethUnavailable(),
};

for (const backend of ['pglite', 'postgres', 'ferretdb', 'geth'] as const) {
  const skip = await unavailable[backend]();
  describe(`the README walkthrough over HTTP (${backend})`, { skip }, () => {
    let service: Awaited<ReturnType<typeof startService>>;
    let government: LocalAccount; // the root authority: the key that deployed the registry (anvil's first dev key, or the Clique network's funded key)
    const university = privateKeyToAccount(generatePrivateKey());
    const citizenKey = generatePrivateKey();
    const citizen = privateKeyToAccount(citizenKey);
    const mother = privateKeyToAccount(generatePrivateKey());
    const bank = 'https://bank.example';
    let chainId: number;
    let registry: Hex;
    const api = (accessToken?: string): IdentreeClient => createIdentreeClient({ baseUrl: service.baseUrl, accessToken });

    before(async () => {
      service = await startService({ backend });
      government = service.root;
      const { data } = await api().GET('/health');
      assert.equal(data?.status, 'ok');
      chainId = data!.chainId;
      registry = data!.registry as Hex;
    });
    after(() => service?.stop());

    /** Sign-In with Ethereum, building the message from what /auth/nonce says it must carry. */
    const login = async (account: LocalAccount) => {
      const { data: n } = await api().POST('/auth/nonce');
      assert.ok(n);
      const message = createSiweMessage({
        domain: n.domain, uri: n.uri, chainId: n.chainId, version: n.version, statement: n.statement, nonce: n.nonce, address: account.address, issuedAt: new Date(),
      });
      const { data, error } = await api().POST('/auth/login', { body: { message, signature: await account.signMessage({ message }) } });
      assert.ok(data, JSON.stringify(error));
      return data.accessToken;
    };

    /** An authority's write: prepared by the API, signed in the authority's own wallet, submitted. */
    let keys = 0;
    const write = async (account: LocalAccount, token: string, path: PreparePath, body: object) => {
      // Each path takes its own body; the union of them all is what this one helper can name.
      const prepared = await api(token).POST(path as '/prepare/register-entity', { body: body as { entity: string; kind: 'Person' } });
      assert.ok(prepared.data, `${path}: ${JSON.stringify(prepared.error)}`);
      const p = prepared.data;
      const signedTransaction = await account.signTransaction({
        to: p.to as Hex, data: p.data as Hex, chainId: p.chainId, nonce: p.nonce, gas: BigInt(p.gas), type: 'eip1559',
        maxFeePerGas: BigInt(p.maxFeePerGas!), maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas!),
      });
      const submitted = await api(token).POST('/transactions', { body: { signedTransaction }, params: { header: { 'idempotency-key': `walkthrough-${++keys}` } } });
      assert.equal(submitted.response.status, 200, JSON.stringify(submitted.error));
      return submitted.data!;
    };
    const anchoredUid = (result: { response?: unknown }) =>
      (result.response as { events: { event: string; args: { uid: Hex } }[] }).events.find((e) => e.event === 'CredentialAnchored')!.args.uid;

    let governmentToken: string;
    let citizenToken: string;
    let birthCertificate: IdentreeCredential;
    let birthUid: Hex;
    let curriculum: IdentreeCredential;

    /** The issuer seals the document to the holder's current key, as the API names it, and delivers it. */
    /** With its vc+jwt form, signed by the issuer's key, so a verifier outside Identree can check it. */
    const deliver = async (token: string, credential: IdentreeCredential, issuer: LocalAccount) => {
      const { data: key, error } = await api().GET('/identities/{address}/public-key', { params: { path: { address: citizen.address } } });
      assert.ok(key, JSON.stringify(error));
      const jwt = await secureCredentialJwt(credential, { signer: issuer });
      const sealed = sealCredential({ credential, holderPublicKey: key.publicKey as Hex, jwt });
      const res = await api(token).POST('/deliveries', { body: sealed });
      assert.equal(res.response.status, 201, JSON.stringify(res.error));
    };

    it('the government registers the university, the citizen and a parent', async () => {
      governmentToken = await login(government);
      citizenToken = await login(citizen); // a first sign-in also tells the service the citizen's public key
      await write(government, governmentToken, '/prepare/register-entity', { entity: university.address, kind: 'Issuer' });
      await write(government, governmentToken, '/prepare/register-entity', { entity: citizen.address, kind: 'Person' });
      await write(government, governmentToken, '/prepare/register-entity', { entity: mother.address, kind: 'Person' });
      const { data } = await api().GET('/entities/{address}', { params: { path: { address: university.address } } });
      assert.equal(data?.kind, 'Issuer');
    });

    it('the government issues the citizen\'s birth certificate, naming the mother', async () => {
      const draft = draftCredential({
        type: 'BirthCertificate', subject: citizen.address, parents: { mother: mother.address },
        attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
      });
      const result = await write(government, governmentToken, '/prepare/anchor-birth-certificate', { ...draft.anchor, parents: { mother: mother.address } });
      birthUid = anchoredUid(result);
      await deliver(governmentToken, completeCredential({ draft, chainId, registry, issuer: government.address, uid: birthUid, transactionHash: result.transactionHash as Hex }), government);
    });

    it('the government accredits the university for curricula', async () => {
      await write(government, governmentToken, '/prepare/accredit-issuer', { issuer: university.address, credentialType: CredentialType.ScholarCurriculum });
    });

    it('the university, whose key holds no ether, issues an accredited curriculum through the sponsor', async () => {
      const universityToken = await login(university);
      const draft = draftCredential({ type: 'ScholarCurriculum', subject: citizen.address, source: birthUid, attributes: { studentId: 'A-1024', program: 'Computer Science', institution: 'Universidad de Guadalajara' } });
      // Sending its own transaction, the API says plainly why it cannot go ahead.
      const broke = await api(universityToken).POST('/prepare/anchor-credential', { body: draft.anchor });
      assert.equal(broke.response.status, 402);
      assert.equal(broke.error?.error, 'insufficient_funds');
      // The relayed form: the university signs the call as EIP-712 typed data, and the sponsor sends it and pays.
      const prepared = await api(universityToken).POST('/prepare/anchor-credential/relayed', { body: draft.anchor });
      assert.ok(prepared.data, JSON.stringify(prepared.error));
      const typed = prepared.data as unknown as { domain: never; types: never; primaryType: string; message: { signer: Hex; data: Hex; nonce: string; deadline: string } };
      const signature = await university.signTypedData({
        domain: typed.domain, types: typed.types, primaryType: typed.primaryType,
        message: { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) },
      } as never);
      const relayed = await api(universityToken).POST('/relay/authority-call', {
        body: { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature },
        params: { header: { 'idempotency-key': `walkthrough-${++keys}` } },
      });
      assert.equal(relayed.response.status, 200, JSON.stringify(relayed.error));
      const result = relayed.data!;
      const issued = completeCredential({ draft, chainId, registry, issuer: university.address, uid: anchoredUid(result), transactionHash: result.transactionHash as Hex });
      await deliver(universityToken, issued, university);
      const { data } = await api().GET('/credentials/{uid}', { params: { path: { uid: issued.proof.uid } } });
      assert.equal(data?.level, 'Accredited');
    });

    it('the citizen receives both documents through the service, and no one else can fetch them', async () => {
      const { data } = await api(citizenToken).GET('/me/credentials');
      assert.equal(data?.credentials.length, 2);
      const forms = data!.credentials.map((d) => openCredential({ envelope: d.envelope as CredentialEnvelope, ciphertext: d.ciphertext, privateKey: citizenKey }));
      const opened = forms.map((f) => f.credential);
      // A verifier outside Identree: did-jwt, resolving each issuer's DID over the service's HTTP route.
      const resolver = new Resolver({ identree: async (did) => (await fetch(`${service.baseUrl}/dids/${did}`)).json() });
      for (const { credential, jwt } of forms) {
        assert.ok(jwt, 'each delivery carries the vc+jwt form');
        const verified = await verifyJWT(jwt, { resolver: resolver as never });
        assert.equal(verified.issuer, credential.issuer);
        assert.deepEqual(verified.payload.credentialSubject, credential.credentialSubject);
      }
      [curriculum, birthCertificate] = opened; // newest first
      assert.deepEqual(opened.map((c) => c.type[1]), ['ScholarCurriculum', 'BirthCertificate']);
      assert.equal(birthCertificate.credentialSubject.givenName, 'Ana');
      const motherToken = await login(mother);
      assert.deepEqual((await api(motherToken).GET('/me/credentials')).data?.credentials, []);
      const theirs = await api(motherToken).GET('/me/credentials/{id}', { params: { path: { id: String(data!.credentials[0]!.id) } } });
      assert.equal(theirs.response.status, 404);
    });

    it('the citizen links both credentials with messages its own key signs, paid by the service', async () => {
      for (const credential of [birthCertificate, curriculum]) {
        const { data: typed } = await api().POST('/prepare/holder/link-credential', { body: { holder: citizen.address, uid: credential.proof.uid } });
        assert.ok(typed);
        const message = { ...typed.message, nonce: BigInt(typed.message.nonce!), deadline: BigInt(typed.message.deadline!) };
        const signature = await citizen.signTypedData({ ...typed, message } as Parameters<LocalAccount['signTypedData']>[0]);
        const linked = await api(citizenToken).POST('/tree/link', {
          body: { holder: citizen.address, uid: credential.proof.uid, deadline: Number(message.deadline), signature },
          params: { header: { 'idempotency-key': `link-${credential.proof.uid}` } },
        });
        assert.equal(linked.response.status, 200, JSON.stringify(linked.error));
      }
      const { data: tree } = await api().GET('/entities/{address}/tree', { params: { path: { address: citizen.address } } });
      assert.deepEqual(tree?.credentials.map((c) => c.level).sort(), ['Accredited', 'GovernmentCertified']);
    });

    it('the bank asks for a proof, and its verdict is valid: an adult with an accredited curriculum', async () => {
      const { data: challenge } = await api().POST('/presentations/nonce', { body: { audience: bank } });
      assert.ok(challenge);
      const presentation = await createPresentation({
        holder: citizen, audience: bank, nonce: challenge.nonce as Hex,
        disclose: [{ credential: birthCertificate, attributes: ['ageOver18'] }, { credential: curriculum, attributes: ['program'] }],
      });
      const { data: verdict, error } = await api().POST('/presentations/verify', {
        body: { audience: bank, nonce: challenge.nonce, presentation: presentation as never, policy: { minLevel: 'Accredited', requireLinked: true, requiredAttributes: ['ageOver18', 'program'] } },
      });
      assert.ok(verdict, JSON.stringify(error));
      assert.equal(verdict.valid, true, JSON.stringify(verdict));
      assert.deepEqual(verdict.credentials?.map((c: { level: string }) => c.level), ['GovernmentCertified', 'Accredited']);
    });
  });
}
