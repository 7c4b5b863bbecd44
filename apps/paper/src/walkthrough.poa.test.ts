// The paper's walk-through on a real Proof-of-Authority network: three geth Clique validators
// sealing a block a second, the registry's paris build, the cast funded from the network's key.
// The identity trees are read back on another validator than the one the writes went to.
// Skipped, saying why, without geth.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http } from 'viem';
import { gethPath, hasGeth, startPoaNetwork, type PoaNetwork } from '@identree/poa';
import { identreeActions } from '@identree/sdk';
import { castOnChain } from './castOnChain.js';
import { runWalkthrough, type Walkthrough, type WalkthroughChain } from './walkthrough.js';

const skip = hasGeth() ? false : `geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`;

describe('the paper walk-through on a geth Clique network', { skip }, () => {
  let net: PoaNetwork;
  let w: Walkthrough<WalkthroughChain>;
  before(async () => {
    net = await startPoaNetwork({ validators: 3, periodS: 1 });
    w = await runWalkthrough({ chain: await castOnChain({ rpcUrl: net.rpcUrls[0]!, fundedKey: net.fundedKey, stop: net.stop }) });
  });
  after(() => (w ? w.chain.stop() : net?.stop()));

  it('certifies by the issuer\'s standing on every validator: accredited University1, uncertified University2', async () => {
    for (const rpcUrl of net.rpcUrls) {
      const reader = createPublicClient({ chain: net.chain, transport: http(rpcUrl) }).extend(identreeActions(w.registry));
      const levels = async (holder: typeof w.addresses.User1) =>
        Object.fromEntries((await reader.getIdentityTree({ holder }))!.credentials.map((c) => [c.typeName, c.level]));
      assert.deepEqual(await levels(w.addresses.User1), { BirthCertificate: 'GovernmentCertified', ScholarCurriculum: 'Accredited' }, rpcUrl);
      assert.deepEqual(await levels(w.addresses.User2), { BirthCertificate: 'GovernmentCertified', ScholarCurriculum: 'Uncertified' }, rpcUrl);
    }
  });

  it('records the parents a government linked to User1\'s birth certificate', async () => {
    const reader = createPublicClient({ chain: net.chain, transport: http(net.rpcUrls[2]) }).extend(identreeActions(w.registry));
    assert.deepEqual(await reader.getParents({ uid: w.credentials.bc1! }), { father: w.addresses.User2, mother: w.addresses.User3 });
  });
});
