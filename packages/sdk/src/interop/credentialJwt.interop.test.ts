import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Resolver } from 'did-resolver';
import { decodeJWT, verifyJWT } from 'did-jwt';
import { createPublicClient, http, type Address } from 'viem';
import { devAccount } from '@identree/devchain';
import { holderActions } from '../clients/holderActions.js';
import { getIdentreeResolver } from '../did/getIdentreeResolver.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { birth, identreeCredential } from '../test/sampleCredential.js';
import { secureCredentialJwt } from './secureCredentialJwt.js';

/**
 * did-jwt's verifyJWT (which nobody here wrote), resolving the issuer through our did:identree
 * resolver, checks credentials secured as vc+jwt: the issuer's current key is accepted, any other
 * key refused, a rotation included.
 */
describe('vc+jwt credentials verified by did-jwt against did:identree', () => {
  let f: RegistryFixture;
  let resolver: Resolver;
  let holderRegistry: Address;
  const university = devAccount(1);
  const verify = (jwt: string) => verifyJWT(jwt, { resolver: resolver as never });

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    const client = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId: f.chain.chain.id, client, registry: f.registry }] }));
    await f.as(0).registerEntity({ entity: university.address, kind: 'Issuer' });
  });
  after(() => f.stop());

  it("accepts a credential signed by the issuer's key, with the VC as the payload", async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const jwt = await secureCredentialJwt(credential, { signer: university });
    const { header } = decodeJWT(jwt);
    assert.equal(header.typ, 'vc+jwt');
    assert.equal(header.alg, 'ES256K');
    const verified = await verify(jwt);
    assert.equal(verified.issuer, credential.issuer);
    assert.deepEqual(verified.payload.credentialSubject, credential.credentialSubject);
    assert.deepEqual(verified.payload.type, credential.type);
    assert.equal(verified.payload.jti, credential.id);
  });

  it('refuses a credential signed by another key in the issuer’s name', async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const forged = await secureCredentialJwt(credential, { signer: devAccount(4) });
    await assert.rejects(verify(forged), /invalid_signature/);
  });

  it('follows the issuer’s key rotation: the retired key’s signature is refused, the new key’s accepted', async () => {
    const { credential } = identreeCredential(birth, { by: university });
    const before = await secureCredentialJwt(credential, { signer: university });
    const rotating = f.as(1).extend(holderActions(holderRegistry));
    const next = f.as(2).extend(holderActions(holderRegistry));
    await rotating.rotateKey(await next.signAcceptKey({ identity: university.address }));
    await assert.rejects(verify(before), /invalid_signature|no matching public key/);
    const after = await secureCredentialJwt(credential, { signer: devAccount(2) });
    assert.equal((await verify(after)).issuer, credential.issuer);
  });
});
