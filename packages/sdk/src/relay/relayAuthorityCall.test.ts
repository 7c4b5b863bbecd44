import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { prepareRegisterEntity } from '../prepare/prepareRegisterEntity.js';
import { getEntity } from '../actions/getEntity.js';
import { EntityKindNotAllowedError } from '../errors/registry.js';
import { HolderSignatureInvalidError } from '../errors/registry.js';
import { KeyNotInRegistrationChainError } from '../errors/holderRegistry.js';
import { prepareRebindByRegistrar } from '../prepare/prepareRebindByRegistrar.js';
import { keyOf } from '../recovery/keyOf.js';
import { signAuthorityCall } from './signAuthorityCall.js';
import { relayAuthorityCall } from './relayAuthorityCall.js';

/** Issue 17: an authority whose key holds no ether registers an entity through a sponsor's relay. */
describe('relayed authority calls', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  const ministry = privateKeyToAccount(generatePrivateKey());
  const citizen = privateKeyToAccount(generatePrivateKey());
  const walletOf = (account: typeof ministry) => createWalletClient({ account, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    await f.as(0).registerEntity({ entity: ministry.address, kind: 'Government' });
  });
  after(() => f.stop());

  it('registers a person for a government that has no ether: the sponsor pays, the registry names the government', async () => {
    const wallet = walletOf(ministry);
    assert.equal(await wallet.getBalance({ address: ministry.address }), 0n, 'the ministry holds no ether');
    const signed = await signAuthorityCall(wallet as never, { holderRegistry, call: prepareRegisterEntity({ registry: f.registry, entity: citizen.address, kind: 'Person' }) });
    await relayAuthorityCall(f.as(1), { holderRegistry, ...signed });
    const entity = await getEntity(f.as(0), { registry: f.registry, entity: citizen.address });
    assert.equal(entity?.registrar, ministry.address);
    assert.equal(entity?.kind, 'Person');
  });

  it('brings back the registry\'s own typed error for a call the signer may not make', async () => {
    const person = walletOf(citizen);
    const signed = await signAuthorityCall(person as never, { holderRegistry, call: prepareRegisterEntity({ registry: f.registry, entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' }) });
    await assert.rejects(relayAuthorityCall(f.as(1), { holderRegistry, ...signed }), EntityKindNotAllowedError);
  });

  it('refuses a signature replayed or moved onto other calldata', async () => {
    const wallet = walletOf(ministry);
    const signed = await signAuthorityCall(wallet as never, { holderRegistry, call: prepareRegisterEntity({ registry: f.registry, entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' }) });
    const other = prepareRegisterEntity({ registry: f.registry, entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Government' });
    await assert.rejects(relayAuthorityCall(f.as(1), { holderRegistry, ...signed, data: other.data }), HolderSignatureInvalidError);
    await relayAuthorityCall(f.as(1), { holderRegistry, ...signed });
    await assert.rejects(relayAuthorityCall(f.as(1), { holderRegistry, ...signed }), HolderSignatureInvalidError);
  });

  it('relays the holder registry\'s own write: a registrar with no ether rebinds a person it registered', async () => {
    const person = privateKeyToAccount(generatePrivateKey()).address;
    await relayAuthorityCall(f.as(1), { holderRegistry, ...(await signAuthorityCall(walletOf(ministry) as never, { holderRegistry, call: prepareRegisterEntity({ registry: f.registry, entity: person, kind: 'Person' }) })) });
    const newKey = privateKeyToAccount(generatePrivateKey()).address;
    const rebind = prepareRebindByRegistrar({ holderRegistry, identity: person, newKey, evidence: `0x${'ab'.repeat(32)}` });
    // Signed by a key outside the registration chain: the holder registry's typed error names the signer.
    const outsider = await signAuthorityCall(walletOf(citizen) as never, { holderRegistry, call: rebind });
    await assert.rejects(relayAuthorityCall(f.as(1), { holderRegistry, ...outsider }), KeyNotInRegistrationChainError);
    await relayAuthorityCall(f.as(1), { holderRegistry, ...(await signAuthorityCall(walletOf(ministry) as never, { holderRegistry, call: rebind })) });
    assert.equal(await keyOf(f.as(0), { holderRegistry, identity: person }), newKey);
  });
});
