import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jsonld from 'jsonld';
import { _checkCredential } from '@digitalbazaar/vc';
import { contexts } from '@digitalbazaar/credentials-context';
import { completeCredential, draftCredential } from '../credentials/draftCredential.js';
import { devAccount } from '@identree/devchain';
import { IDENTREE_CREDENTIAL_CONTEXT, IDENTREE_CREDENTIAL_CONTEXT_URL } from '../credentials/identreeCredentialContext.js';
import { prepareCredentialEip712 } from './prepareCredentialEip712.js';

/** Only the W3C contexts, from the package that ships them: nothing is fetched, and no other URL resolves. */
const documentLoader = async (url: string) => {
  const document = contexts.get(url);
  if (!document) throw new Error(`no offline context for ${url}`);
  return { document, documentUrl: url, contextUrl: null };
};

const issued = () => {
  const draft = draftCredential({
    type: 'BirthCertificate', subject: devAccount(3).address, issuedAt: new Date('2026-01-01T00:00:00Z'),
    attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
  });
  return completeCredential({
    draft, chainId: 31337, registry: devAccount(9).address, issuer: devAccount(1).address, uid: `0x${'ab'.repeat(32)}`,
    credentialStatus: [{
      id: 'http://127.0.0.1:8787/status-lists/0/revocation#7', type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
      statusListIndex: '7', statusListCredential: 'http://127.0.0.1:8787/status-lists/0/revocation',
    }],
  });
};

/**
 * Our VC 2.0 documents as processors nobody here wrote see them: Digital Bazaar's VC library checks
 * the data model, and jsonld expands the document in safe mode, which fails on any term it would
 * have to drop and on any context it cannot load.
 */
describe('issued credentials under third-party VC and JSON-LD processors', () => {
  it('passes Digital Bazaar\'s VC 2.0 data-model check', () => {
    assert.doesNotThrow(() => _checkCredential({ credential: issued(), mode: 'verify', now: new Date('2026-06-01T00:00:00Z') }));
  });

  it('expands in JSON-LD safe mode with only the W3C context available, keeping every attribute and the boolean claims', async () => {
    const [expanded] = (await jsonld.expand(issued(), { documentLoader, safe: true })) as Record<string, unknown>[];
    const text = JSON.stringify(expanded);
    for (const term of ['givenName', 'ageOver18', 'commitment', 'salts']) assert.ok(text.includes(`https://w3id.org/identree/vocab#${term}`), term);
    assert.ok(text.includes('"@value":true'), 'ageOver18 stays a boolean');
    assert.ok(text.includes('https://www.w3.org/ns/credentials/status#statusListIndex'), 'the status entry expands with its W3C terms');
  });

  it('would fail safe-mode expansion with a context URL nobody publishes, as the old credentials named', async () => {
    const old = { ...issued(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://identree.dev/credentials/v1'] };
    await assert.rejects(jsonld.expand(old, { documentLoader, safe: true }), /Dereferencing a URL did not result in a valid JSON-LD object|no offline context/);
  });

  it('expands the EIP-712 form, which names the published vocabulary by URL, to the very claims of the document', async () => {
    const withOurs = async (url: string) => (url === IDENTREE_CREDENTIAL_CONTEXT_URL ? { document: IDENTREE_CREDENTIAL_CONTEXT, documentUrl: url, contextUrl: null } : documentLoader(url));
    const credential = issued();
    const { message } = prepareCredentialEip712(credential);
    assert.deepEqual(message['@context'], ['https://www.w3.org/ns/credentials/v2', IDENTREE_CREDENTIAL_CONTEXT_URL]);
    const subjectOf = async (doc: object) => {
      const [expanded] = (await jsonld.expand(doc, { documentLoader: withOurs, safe: true })) as Record<string, unknown>[];
      return expanded!['https://www.w3.org/2018/credentials#credentialSubject'];
    };
    const { proof: _anchor, ...claims } = credential;
    const { proof: _eip712, ...signedClaims } = message;
    assert.deepEqual(await subjectOf(signedClaims), await subjectOf(claims));
    assert.ok(JSON.stringify(await subjectOf(signedClaims)).includes('https://w3id.org/identree/vocab#givenName'));
  });
});
