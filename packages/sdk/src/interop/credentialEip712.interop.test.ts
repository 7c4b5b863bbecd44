import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, type ICredentialVerifier, type IResolver } from '@veramo/core';
import { CredentialProviderEIP712 } from '@veramo/credential-eip712';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { Resolver } from 'did-resolver';
import { createPublicClient, http, type Address, type HDAccount } from 'viem';
import { devAccount } from '@identree/devchain';
import { holderActions } from '../clients/holderActions.js';
import { getIdentreeResolver } from '../did/getIdentreeResolver.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { birth, identreeCredential } from '../test/sampleCredential.js';
import { prepareCredentialEip712 } from './prepareCredentialEip712.js';
import { secureCredentialEip712, type Eip712SecuredCredential } from './secureCredentialEip712.js';

/** What a wallet extension does: eth_signTypedData_v4 over the prepared typed data. */
async function signedBy(account: HDAccount, credential: ReturnType<typeof identreeCredential>['credential']): Promise<Eip712SecuredCredential> {
  const typed = prepareCredentialEip712(credential, { created: new Date('2026-01-15T10:00:00Z') });
  return secureCredentialEip712(typed, { signature: await account.signTypedData(typed as never) });
}

/**
 * Veramo's EthereumEip712Signature2021 verifier (@veramo/credential-eip712, which nobody here wrote),
 * resolving the issuer through our did:identree resolver, checks the form a wallet extension signs:
 * the issuer's current key is accepted, a changed claim, another key and a retired key refused.
 */
describe('EIP-712 credentials verified by Veramo against did:identree', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  let agent: ReturnType<typeof createAgent<IResolver & ICredentialVerifier>>;
  const university = devAccount(1);
  // Bitstring status lists are checked by the verifier that reads them; Veramo's status plugins do not know them.
  const verify = async (credential: Eip712SecuredCredential) => agent.verifyCredential({ credential: credential as never, policies: { credentialStatus: false } });

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    const client = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    const resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId: f.chain.chain.id, client, registry: f.registry }] }));
    agent = createAgent<IResolver & ICredentialVerifier>({
      plugins: [new DIDResolverPlugin({ resolver: resolver as never }), new CredentialPlugin([new CredentialProviderEIP712()])],
    });
    await f.as(0).registerEntity({ entity: university.address, kind: 'Issuer' });
  });
  after(() => f.stop());

  it("accepts a credential signed by the issuer's key, with every claim and status entry signed", async () => {
    const { credential: plain } = identreeCredential(birth, { by: university });
    const entry = (statusPurpose: 'revocation' | 'suspension') => ({
      id: `http://127.0.0.1:8787/status-lists/1/${statusPurpose}#7`, type: 'BitstringStatusListEntry' as const, statusPurpose, statusListIndex: '7',
      statusListCredential: `http://127.0.0.1:8787/status-lists/1/${statusPurpose}`,
    });
    const credential = { ...plain, credentialStatus: [entry('revocation'), entry('suspension')] };
    const secured = await signedBy(university, credential);
    assert.equal(secured.proof.type, 'EthereumEip712Signature2021');
    assert.equal(secured.proof.verificationMethod, `${credential.issuer}#controller`);
    assert.deepEqual(secured.credentialSubject, credential.credentialSubject);
    assert.equal(secured.id, credential.id);
    assert.deepEqual(secured.credentialStatus, credential.credentialStatus);
    const result = await verify(secured);
    assert.equal(result.verified, true, JSON.stringify(result.error));
  });

  it('refuses a credential whose claim was changed after signing', async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const secured = await signedBy(university, credential);
    const tampered = { ...secured, credentialSubject: { ...(secured.credentialSubject as object), birthDate: '1990-01-01' } };
    const result = await verify(tampered);
    assert.equal(result.verified, false);
    assert.equal(result.error?.errorCode, 'invalid_signature');
  });

  it('refuses a credential signed by another key in the issuer’s name', async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const result = await verify(await signedBy(devAccount(4), credential));
    assert.equal(result.verified, false);
    assert.equal(result.error?.errorCode, 'invalid_signature');
  });

  it('follows the issuer’s key rotation: the retired key’s signature is refused, the new key’s accepted', async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const before = await signedBy(university, credential);
    assert.equal((await verify(before)).verified, true);
    const rotating = f.as(1).extend(holderActions(holderRegistry));
    const next = f.as(2).extend(holderActions(holderRegistry));
    await rotating.rotateKey(await next.signAcceptKey({ identity: university.address }));
    const retired = await verify(before);
    assert.equal(retired.verified, false);
    assert.equal(retired.error?.errorCode, 'invalid_signature');
    assert.equal((await verify(await signedBy(devAccount(2), credential))).verified, true);
  });
});
