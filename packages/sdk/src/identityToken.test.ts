import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from './test/fixture.js';
import { decodeRegistryError } from './errors/decodeRegistryError.js';
import { ERC721InvalidOwnerError, ERC721NonexistentTokenError, IdentityTokenSoulboundError } from './errors/registry.js';

/** The identity token seen through plain viem and the generated ABI, as a wallet or explorer would. */
describe('identity token (ERC-721 views through viem)', () => {
  let f: RegistryFixture;
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Person' });
  });
  after(() => f.stop());

  const contract = () => ({ address: f.registry, abi: identityRegistryAbi }) as const;
  /** Runs a call that must fail and returns what decodeRegistryError makes of it. */
  const decodedFailure = (call: Promise<unknown>) =>
    call.then(
      () => assert.fail('the call should have reverted'),
      (e: unknown) => decodeRegistryError(e),
    );

  it('gives a registered entity exactly one token, owned by itself', async () => {
    const reader = f.as(5);
    const alice = f.as(1).address;
    const tokenId = BigInt(alice);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'balanceOf', args: [alice] }), 1n);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'ownerOf', args: [tokenId] }), alice);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'locked', args: [tokenId] }), true);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'getApproved', args: [tokenId] }), zeroAddress);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'identityTokenOf', args: [alice] }), tokenId);
  });

  it('names itself and declares ERC-721 and ERC-5192 support', async () => {
    const reader = f.as(5);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'name' }), 'Identree Identity');
    assert.equal(await reader.readContract({ ...contract(), functionName: 'symbol' }), 'IDT');
    for (const interfaceId of ['0x80ac58cd', '0x5b5e139f', '0xb45a3c0e', '0x01ffc9a7'] as const) {
      assert.equal(await reader.readContract({ ...contract(), functionName: 'supportsInterface', args: [interfaceId] }), true, interfaceId);
    }
    assert.equal(await reader.readContract({ ...contract(), functionName: 'supportsInterface', args: ['0xffffffff'] }), false);
  });

  it('shows no token for an unregistered account', async () => {
    const reader = f.as(5);
    assert.equal(await reader.readContract({ ...contract(), functionName: 'balanceOf', args: [f.as(9).address] }), 0n);
    const tokenId = BigInt(f.as(9).address);
    const decoded = await decodedFailure(reader.readContract({ ...contract(), functionName: 'ownerOf', args: [tokenId] }));
    assert.ok(decoded instanceof ERC721NonexistentTokenError);
    assert.deepEqual(decoded.args, [tokenId]);
    assert.ok(await decodedFailure(reader.readContract({ ...contract(), functionName: 'ownerOf', args: [2n ** 160n + 1n] })) instanceof ERC721NonexistentTokenError);
    const zeroOwner = await decodedFailure(reader.readContract({ ...contract(), functionName: 'balanceOf', args: [zeroAddress] }));
    assert.ok(zeroOwner instanceof ERC721InvalidOwnerError);
  });

  it('refuses transfers and approvals as soulbound', async () => {
    const alice = f.as(1);
    const tokenId = BigInt(alice.address);
    // The registry declares these `pure` (they only revert), so viem's types keep them out of
    // simulateContract; at run time it is the eth_call a wallet would make before sending.
    const simulate = (functionName: 'transferFrom' | 'approve' | 'safeTransferFrom', args: readonly unknown[]) =>
      alice.simulateContract({ ...contract(), functionName, args, account: alice.account } as never);
    const transfer = await decodedFailure(simulate('transferFrom', [alice.address, f.as(2).address, tokenId]));
    assert.ok(transfer instanceof IdentityTokenSoulboundError);
    assert.deepEqual(transfer.args, [tokenId]);
    assert.match(transfer.shortMessage, /is soulbound/);

    const approve = await decodedFailure(simulate('approve', [f.as(2).address, tokenId]));
    assert.ok(approve instanceof IdentityTokenSoulboundError);
    const safe = await decodedFailure(simulate('safeTransferFrom', [alice.address, f.as(2).address, tokenId]));
    assert.ok(safe instanceof IdentityTokenSoulboundError);
    // The token did not move.
    assert.equal(await alice.readContract({ ...contract(), functionName: 'ownerOf', args: [tokenId] }), alice.address);
  });

  it('points tokenURI at the metadata base root sets, and refuses anyone else', async () => {
    const alice = f.as(1).address;
    assert.equal(await f.as(5).getTokenURI({ identity: alice }), '', 'no base URI yet: the empty string ERC-721 allows');
    await assert.rejects(f.as(1).setBaseTokenURI({ baseURI: 'https://forged.example/' }));
    await f.as(0).setBaseTokenURI({ baseURI: 'https://id.example.gov/tokens/' });
    assert.equal(await f.as(5).getTokenURI({ identity: alice }), `https://id.example.gov/tokens/${BigInt(alice)}`);
    assert.ok(await decodedFailure(f.as(5).getTokenURI({ identity: f.as(9).address })) instanceof ERC721NonexistentTokenError);
  });
});
