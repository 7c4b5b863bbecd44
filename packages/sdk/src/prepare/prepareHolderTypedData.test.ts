import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, getAddress, http, publicActions, type Address, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, latestTimestamp } from '../test/assertions.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { signLinkCredential } from '../actions/signLinkCredential.js';
import { WHOLE_CREDENTIAL } from '../consent/attributesDigest.js';
import { CredentialType } from '../types.js';
import { HOLDER_TYPED_DATA_DOMAINS, prepareHolderTypedData } from './prepareHolderTypedData.js';
import { prepareRelayedHolderWrite } from './prepareRelayedHolderWrite.js';

describe('prepareHolderTypedData', () => {
  let f: RegistryFixture;
  let registry: Address;
  let holderRegistry: Address;
  let holder: LocalAccount;
  const chainId = () => f.chain.chain.id;
  const deadline = async () => BigInt((await latestTimestamp(f.as(0))) + 3600);
  const anchorPassport = async (label: string) =>
    (await f.as(0).anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitmentOf(label) })).uid;

  before(async () => {
    f = await registryFixture();
    registry = f.registry;
    holderRegistry = await getHolderRegistry(f.as(0), { registry });
    holder = privateKeyToAccount(generatePrivateKey());
    await f.as(0).registerEntity({ entity: holder.address, kind: 'Person' });
  });
  after(() => f.stop());

  it('uses the domains both contracts report', async () => {
    const [, name, version, reportedChainId, verifyingContract] = await f.as(0).readContract({ address: registry, abi: identityRegistryAbi, functionName: 'eip712Domain' });
    assert.deepEqual({ name, version, chainId: Number(reportedChainId), verifyingContract }, { ...HOLDER_TYPED_DATA_DOMAINS.registry, chainId: chainId(), verifyingContract: getAddress(registry) });
    const holders = await f.as(0).readContract({ address: holderRegistry, abi: holderRegistryAbi, functionName: 'eip712Domain' });
    assert.deepEqual([holders[1], holders[2], holders[4]], [HOLDER_TYPED_DATA_DOMAINS.holderRegistry.name, HOLDER_TYPED_DATA_DOMAINS.holderRegistry.version, getAddress(holderRegistry)]);
  });

  it('builds the LinkCredential message signLinkCredential signs, to the signature', async () => {
    const uid = await anchorPassport('typed-link');
    const nonce = await f.as(0).readContract({ address: registry, abi: identityRegistryAbi, functionName: 'nonces', args: [holder.address] });
    const at = await deadline();
    const typedData = prepareHolderTypedData({
      chainId: chainId(),
      verifyingContract: registry,
      primaryType: 'LinkCredential',
      message: { holder: holder.address, uid, nonce, deadline: at },
    });
    const signature = await holder.signTypedData(typedData);
    const holderClient = createWalletClient({ account: holder, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
    const signed = await signLinkCredential(holderClient, { registry, uid, nonce, deadline: at });
    assert.equal(signature, signed.signature);

    await sendPrepared(f.chain.wallet(1), prepareRelayedHolderWrite({ registry, functionName: 'linkCredentialBySig', args: [holder.address, uid, at, signature] }));
    assert.deepEqual((await f.as(0).getIdentityTree({ holder: holder.address }))?.credentials.map((c) => c.uid), [uid]);
  });

  it('builds a GrantAccess message the holder registry accepts from a sponsor', async () => {
    const uid = await anchorPassport('typed-grant');
    const bank = f.as(2).address;
    const nonce = await f.as(0).readContract({ address: holderRegistry, abi: holderRegistryAbi, functionName: 'nonces', args: [holder.address] });
    const at = await deadline();
    const message = { holder: holder.address, verifier: bank, uid, duration: 600, attributes: WHOLE_CREDENTIAL, nonce, deadline: at };
    const typedData = prepareHolderTypedData({ chainId: chainId(), verifyingContract: holderRegistry, primaryType: 'GrantAccess', message });
    assert.deepEqual(Object.keys(typedData.types), ['GrantAccess']);
    const signature = await holder.signTypedData(typedData);
    await sendPrepared(f.chain.wallet(1), prepareRelayedHolderWrite({
      holderRegistry,
      functionName: 'grantAccessBySig',
      args: [holder.address, bank, uid, 600, WHOLE_CREDENTIAL, at, signature],
    }));
    assert.equal(await f.as(0).extend(holderActions(holderRegistry)).checkAccess({ holder: holder.address, verifier: bank, uid }), true);
  });
});
