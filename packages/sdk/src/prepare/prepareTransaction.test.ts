import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { EntityAlreadyRegisteredError } from '../errors/registry.js';
import { ConsentSignatureInvalidError } from '../errors/holderRegistry.js';
import { WHOLE_CREDENTIAL } from '../consent/attributesDigest.js';
import { prepareTransaction } from './prepareTransaction.js';
import { prepareRegisterEntity } from './prepareRegisterEntity.js';
import { prepareRelayedHolderWrite } from './prepareRelayedHolderWrite.js';

describe('prepareTransaction', () => {
  let f: RegistryFixture;
  let reader: PublicClient;
  let holderRegistry: Address;
  // The government signs offline: the client that fills the transaction in has no account.
  const government = devAccount(0);
  before(async () => {
    f = await registryFixture();
    reader = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
  });
  after(() => f.stop());

  it('fills in chain id, nonce, gas and fees, so an account signs it offline and the write lands', async () => {
    const alice = privateKeyToAccount(generatePrivateKey()).address;
    const call = prepareRegisterEntity({ registry: f.registry, entity: alice, kind: 'Person' });
    const request = await prepareTransaction(reader, { ...call, account: government });
    assert.deepEqual(
      { to: request.to?.toLowerCase(), data: request.data, from: request.from, chainId: request.chainId },
      { to: f.registry.toLowerCase(), data: call.data, from: government.address, chainId: f.chain.chain.id },
    );
    assert.equal(request.nonce, await reader.getTransactionCount({ address: government.address }));
    assert.ok(request.gas > 21_000n);
    const hash = await reader.sendRawTransaction({ serializedTransaction: await government.signTransaction(request) });
    assert.equal((await reader.waitForTransactionReceipt({ hash })).status, 'success');
    assert.equal((await f.as(0).getEntity({ entity: alice }))?.kind, 'Person');
  });

  it('keeps the nonce a sponsor numbers its transactions with', async () => {
    const call = prepareRegisterEntity({ registry: f.registry, entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    const next = await reader.getTransactionCount({ address: government.address });
    assert.equal((await prepareTransaction(reader, { ...call, account: government, nonce: next + 5 })).nonce, next + 5);
  });

  it('refuses an identity-registry call the registry would revert, as its typed error', async () => {
    const call = prepareRegisterEntity({ registry: f.registry, entity: f.as(0).address, kind: 'Person' });
    await rejectsWith(prepareTransaction(reader, { ...call, account: government }), EntityAlreadyRegisteredError);
  });

  it('refuses a holder-registry call the holder registry would revert, as its typed error', async () => {
    const forged = prepareRelayedHolderWrite({
      holderRegistry,
      functionName: 'grantAccessBySig',
      args: [f.as(3).address, f.as(2).address, commitmentOf('forged'), 600, WHOLE_CREDENTIAL, 2n ** 40n, `0x${'11'.repeat(65)}`],
    });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Person' });
    await rejectsWith(prepareTransaction(reader, { ...forged, account: government }), ConsentSignatureInvalidError);
  });
});
