// A real geth Clique network: several validator processes sealing in turn, the registry's paris
// build deployed, and an identity written through one validator and read through another.
// Skipped, saying why, when geth has not been built on this machine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createWalletClient, http, keccak256, publicActions, stringToHex, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { CredentialType, deployIdentityRegistry, identreeActions } from '@identree/sdk';
import { deployRegistryToPoa } from './deployRegistryToPoa.js';
import { gethPath, hasGeth } from './gethBinary.js';
import { startPoaNetwork, type PoaNetwork } from './startPoaNetwork.js';

const VALIDATORS = 4;
const skip = hasGeth() ? false : `geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`;

describe('a geth Clique network of four validators', { skip }, () => {
  let net: PoaNetwork;
  before(async () => {
    net = await startPoaNetwork({ validators: VALIDATORS, periodS: 1 });
  });
  after(() => net?.stop());

  const rpc = (i: number) => createPublicClient({ chain: net.chain, transport: http(net.rpcUrls[i]), pollingInterval: 250 });
  const as = (key: `0x${string}`, via: number, registry: Address) =>
    createWalletClient({ account: privateKeyToAccount(key), chain: net.chain, transport: http(net.rpcUrls[via]), pollingInterval: 250 })
      .extend(publicActions)
      .extend(identreeActions(registry));

  it('names every validator, and only them, as a Clique signer', async () => {
    for (let i = 0; i < VALIDATORS; i++) {
      const signers = (await rpc(i).request({ method: 'clique_getSigners' as never })) as Address[];
      assert.deepEqual(signers.map((s) => s.toLowerCase()).sort(), net.validators.map((v) => v.signer.toLowerCase()).sort());
    }
  });

  it('seals blocks by turns: no signer twice within three consecutive blocks', async () => {
    const client = rpc(0);
    while ((await client.getBlockNumber()) < 12n) await new Promise((r) => setTimeout(r, 500));
    const sealers: string[] = [];
    for (let n = 1; n <= 12; n++) {
      // Clique leaves `miner` empty; the sealer is recovered from the signature in the extra data.
      sealers.push(((await client.request({ method: 'clique_getSigner' as never, params: [`0x${n.toString(16)}`] as never })) as string).toLowerCase());
    }
    const validators = new Set(net.validators.map((v) => v.signer.toLowerCase()));
    for (const s of sealers) assert.ok(validators.has(s), `${s} sealed a block but is not a validator`);
    // Clique lets a signer seal at most once in any floor(N/2)+1 consecutive blocks.
    for (let i = 0; i + 3 <= sealers.length; i++) assert.equal(new Set(sealers.slice(i, i + 3)).size, 3, `blocks ${i + 1}-${i + 3}: ${sealers.slice(i, i + 3)}`);
    // Not all four: out-of-turn signers may take the fourth one's turns (seen here: A,B,C,A,B,C…).
  });

  it('gives every validator the same chain', async () => {
    const height = (await rpc(0).getBlockNumber()) - 1n;
    const hashes = await Promise.all(net.rpcUrls.map((_, i) => rpc(i).getBlock({ blockNumber: height }).then((b) => b.hash)));
    assert.equal(new Set(hashes).size, 1, `block ${height}: ${hashes}`);
  });

  it('cannot run the cancun build: PUSH0 is not an opcode before Shanghai', async () => {
    const wallet = createWalletClient({ account: privateKeyToAccount(net.fundedKey), chain: net.chain, transport: http(net.rpcUrls[0]), pollingInterval: 250 }).extend(publicActions);
    await assert.rejects(deployIdentityRegistry(wallet, { evmVersion: 'cancun' }), /invalid opcode|PUSH0|execution reverted|Deployment .* failed/i);
  });

  it('registers a person and anchors her birth certificate on the paris build, read back on another validator', async () => {
    const { registry } = await deployRegistryToPoa(net, { via: 1 });
    const government = as(net.fundedKey, 2, registry);
    const alice = privateKeyToAccount(generatePrivateKey()).address;
    const { tokenId } = await government.registerEntity({ entity: alice, kind: 'Person' });
    assert.ok(tokenId > 0n);
    const commitment: Hash = keccak256(stringToHex('alice birth certificate on Clique'));
    const { uid, blockNumber } = await government.anchorCredential({ subject: alice, credentialType: CredentialType.BirthCertificate, commitment });

    const elsewhere = createPublicClient({ chain: net.chain, transport: http(net.rpcUrls[3]), pollingInterval: 250 }).extend(identreeActions(registry));
    while ((await elsewhere.getBlockNumber()) < blockNumber) await new Promise((r) => setTimeout(r, 250));
    const entity = await elsewhere.getEntity({ entity: alice });
    assert.equal(entity?.kind, 'Person');
    assert.equal(entity?.status, 'Active');
    const credential = await elsewhere.getCredential({ uid });
    assert.equal(credential?.subject, alice);
    assert.equal(credential?.commitment, commitment);
    assert.equal(credential?.level, 'GovernmentCertified');
    assert.equal(await elsewhere.isCredentialValid({ uid }), true);
  });
});
