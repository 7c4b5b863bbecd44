import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Hash, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { HolderSignatureExpiredError, HolderSignatureInvalidError } from '../errors/registry.js';
import { identreeActions } from '../clients/identreeActions.js';
import { CredentialType } from '../types.js';

describe('signLinkCredential, relayLinkCredential, signUnlinkCredential and relayUnlinkCredential', () => {
  let f: RegistryFixture;
  // 0 root, 1 the sponsoring service (funded, unregistered), 5 a person whose key the node holds.
  let holder: LocalAccount;
  let birth: Hash;
  let passport: Hash;
  let fifthsBirth: Hash;
  /** The holder's own client: it can read the chain and sign, but has nothing to pay with. */
  const holderClient = () =>
    createWalletClient({ account: holder, chain: f.chain.chain, transport: http(f.chain.rpcUrl) })
      .extend(publicActions)
      .extend(identreeActions(f.registry));

  before(async () => {
    f = await registryFixture();
    holder = privateKeyToAccount(generatePrivateKey());
    const root = f.as(0);
    await root.registerEntity({ entity: holder.address, kind: 'Person' });
    await root.registerEntity({ entity: f.as(5).address, kind: 'Person' });
    ({ uid: birth } = await root.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('holder-birth') }));
    ({ uid: passport } = await root.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitmentOf('holder-passport') }));
    ({ uid: fifthsBirth } = await root.anchorCredential({ subject: f.as(5).address, credentialType: CredentialType.BirthCertificate, commitment: commitmentOf('fifth-birth') }));
  });
  after(() => f.stop());

  const read = <T>(functionName: 'isLinked' | 'nonces' | 'linkedCredentialCount', args: readonly unknown[]) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName, args } as never) as Promise<T>;
  const latestTimestamp = async () => (await f.as(0).getBlock()).timestamp;

  it('links the credential of a holder with zero ether through a sponsor who pays the gas', async () => {
    const sponsor = f.as(1);
    assert.equal(await f.as(0).getBalance({ address: holder.address }), 0n);
    const sponsorBalance = await sponsor.getBalance({ address: sponsor.address });

    const signed = await holderClient().signLinkCredential({ uid: birth });
    assert.deepEqual([signed.holder, signed.uid, signed.nonce], [holder.address, birth, 0n]);
    assert.ok(signed.deadline > BigInt(Math.floor(Date.now() / 1000)));
    const { gasUsed } = await sponsor.relayLinkCredential(signed);

    assert.equal(await read<boolean>('isLinked', [holder.address, birth]), true);
    assert.equal(await read<bigint>('nonces', [holder.address]), 1n);
    assert.equal(await read<bigint>('linkedCredentialCount', [sponsor.address]), 0n);
    assert.equal(await f.as(0).getBalance({ address: holder.address }), 0n);
    assert.ok(sponsorBalance - (await sponsor.getBalance({ address: sponsor.address })) >= gasUsed);
  });

  it('rejects a replayed message with HolderSignatureInvalidError', async () => {
    const signed = await holderClient().signLinkCredential({ uid: passport });
    await f.as(1).relayLinkCredential(signed);
    await f.as(1).relayUnlinkCredential(await holderClient().signUnlinkCredential({ uid: passport }));
    // The credential could be linked again, but this message's nonce is spent.
    await rejectsWith(f.as(1).relayLinkCredential(signed), HolderSignatureInvalidError, (e) => {
      assert.deepEqual(e.args, [holder.address]);
      assert.match(e.shortMessage, /already used/);
    });
    // A replay by anyone else fails the same way.
    await rejectsWith(f.as(2).relayLinkCredential(signed), HolderSignatureInvalidError);
    assert.equal(await read<boolean>('isLinked', [holder.address, passport]), false);
  });

  it('rejects an expired message with HolderSignatureExpiredError', async () => {
    const deadline = (await latestTimestamp()) - 1n;
    const signed = await holderClient().signLinkCredential({ uid: passport, deadline });
    const nonce = await read<bigint>('nonces', [holder.address]);
    await rejectsWith(f.as(1).relayLinkCredential(signed), HolderSignatureExpiredError, (e) => {
      assert.deepEqual(e.args, [deadline]);
      assert.match(e.shortMessage, /expired/);
    });
    assert.equal(await read<bigint>('nonces', [holder.address]), nonce);
  });

  it('rejects a message relayed for another credential than the one signed', async () => {
    const signed = await holderClient().signLinkCredential({ uid: passport });
    await rejectsWith(f.as(1).relayLinkCredential({ ...signed, uid: birth }), HolderSignatureInvalidError);
    await f.as(1).relayLinkCredential(signed);
    assert.equal(await read<boolean>('isLinked', [holder.address, passport]), true);
  });

  it('unlinks through a sponsor', async () => {
    const signed = await holderClient().signUnlinkCredential({ uid: birth });
    await f.as(1).relayUnlinkCredential(signed);
    assert.equal(await read<boolean>('isLinked', [holder.address, birth]), false);
    assert.equal(await f.as(0).getBalance({ address: holder.address }), 0n);
  });

  it('signs ahead with an explicit nonce, for messages relayed in order', async () => {
    const current = await read<bigint>('nonces', [holder.address]);
    const first = await holderClient().signLinkCredential({ uid: birth });
    const second = await holderClient().signUnlinkCredential({ uid: birth, nonce: current + 1n });
    await rejectsWith(f.as(1).relayUnlinkCredential(second), HolderSignatureInvalidError);
    await f.as(1).relayLinkCredential(first);
    await f.as(1).relayUnlinkCredential(second);
    assert.equal(await read<bigint>('nonces', [holder.address]), current + 2n);
  });

  it("signs through a wallet client whose key the node holds (eth_signTypedData_v4)", async () => {
    const address = f.as(5).address;
    const wallet = createWalletClient({ account: address, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(
      identreeActions(f.registry),
    );
    const signed = await wallet.signLinkCredential({ uid: fifthsBirth });
    await f.as(1).relayLinkCredential(signed);
    assert.equal(await read<boolean>('isLinked', [address, fifthsBirth]), true);
  });
});
