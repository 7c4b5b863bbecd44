import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { EntityAlreadyRegisteredError, EntityNotRegisteredError } from '../errors/registry.js';
import { ConsentSignatureExpiredError, KeyNotInRegistrationChainError } from '../errors/holderRegistry.js';
import { UnknownRegistryCallError } from '../errors/registryCall.js';
import { WHOLE_CREDENTIAL } from '../consent/attributesDigest.js';
import { simulateRegistryWrite } from './simulateRegistryWrite.js';
import { prepareRegisterEntity } from './prepareRegisterEntity.js';
import { prepareRebindByRegistrar } from './prepareRebindByRegistrar.js';

describe('simulateRegistryWrite', () => {
  let f: RegistryFixture;
  let reader: PublicClient;
  let holderRegistry: Address;
  const root = () => f.as(0).address;
  const fresh = () => privateKeyToAccount(generatePrivateKey()).address;
  before(async () => {
    f = await registryFixture();
    reader = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
  });
  after(() => f.stop());

  it("returns a prepared call's decoded name, arguments and result, and sends nothing", async () => {
    const alice = fresh();
    const nonce = await reader.getTransactionCount({ address: root() });
    const simulated = await simulateRegistryWrite(reader, { ...prepareRegisterEntity({ registry: f.registry, entity: alice, kind: 'Person' }), account: root() });
    assert.deepEqual(simulated, { contract: 'registry', functionName: 'registerEntity', args: [alice, 4], result: BigInt(alice) });
    assert.equal(await reader.getTransactionCount({ address: root() }), nonce);
    assert.equal(await f.as(0).getEntity({ entity: alice }), null);
  });

  it('decodes an identity-registry revert into its typed error', async () => {
    const call = prepareRegisterEntity({ registry: f.registry, entity: root(), kind: 'Person' });
    await rejectsWith(simulateRegistryWrite(reader, { ...call, account: root() }), EntityAlreadyRegisteredError);
    const byStranger = prepareRegisterEntity({ registry: f.registry, entity: fresh(), kind: 'Person' });
    await rejectsWith(simulateRegistryWrite(reader, { ...byStranger, account: fresh() }), EntityNotRegisteredError);
  });

  it('decodes a holder-registry revert into its typed error, from calldata or from a name and arguments', async () => {
    const person = fresh();
    await f.as(0).registerEntity({ entity: person, kind: 'Person' });
    const rebind = prepareRebindByRegistrar({ holderRegistry, identity: person, newKey: fresh(), evidence: commitmentOf('check') });
    await rejectsWith(simulateRegistryWrite(reader, { ...rebind, account: f.as(5).address }), KeyNotInRegistrationChainError);
    await rejectsWith(
      simulateRegistryWrite(reader, {
        to: holderRegistry,
        functionName: 'grantAccessBySig',
        args: [person, f.as(2).address, commitmentOf('passport'), 600, WHOLE_CREDENTIAL, 1n, `0x${'11'.repeat(65)}`],
        account: f.as(1).address,
      }),
      ConsentSignatureExpiredError,
    );
  });

  it('throws UnknownRegistryCallError for a name neither contract has or arguments its function does not take', async () => {
    await rejectsWith(simulateRegistryWrite(reader, { to: f.registry, functionName: 'mint', args: [], account: root() }), UnknownRegistryCallError, (e) => {
      assert.equal(e.shortMessage, '"mint" is no function of the identity registry or the holder registry.');
    });
    await rejectsWith(simulateRegistryWrite(reader, { to: f.registry, functionName: 'registerEntity', args: ['not an address', 4], account: root() }), UnknownRegistryCallError);
    await rejectsWith(simulateRegistryWrite(reader, { to: f.registry, data: '0xdeadbeef', account: root() }), UnknownRegistryCallError);
  });
});
