import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { stringToHex, toHex, padHex, type Hex } from 'viem';
import { holderRegistryBytecode, identityRegistryAbi } from '@identree/abi';
import { attributes, runWalkthrough, type Walkthrough } from './walkthrough.js';

/** Every on-chain form an attribute value could take if it leaked: its UTF-8 bytes, and numbers as words. */
function leakPatterns(value: string): string[] {
  const asWord = (n: number | bigint) => padHex(toHex(n), { size: 32 }).slice(2);
  const bytes = stringToHex(value).slice(2);
  // Short values are only meaningful as whole words (as Solidity would store them); a bare
  // byte like "M" turns up by chance in any hash.
  const patterns =
    bytes.length >= 8
      ? [bytes]
      : [padHex(`0x${bytes}`, { size: 32, dir: 'right' }).slice(2, -2) + toHex(bytes.length).slice(2).padStart(2, '0'), asWord(BigInt(`0x${bytes}`))];
  if (/^\d+$/.test(value)) patterns.push(asWord(BigInt(value)));
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    patterns.push(asWord(Number(`${date[1]}${date[2]}${date[3]}`)));
    patterns.push(asWord(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) / 1000));
  }
  return patterns.map((p) => p.toLowerCase());
}

/**
 * The registry's creation code, as its deployment transaction carries it. It is public and holds no
 * attribute, but its zeroed immutable placeholders followed by an opcode read like small number words.
 */
async function creationCode(w: Walkthrough): Promise<string> {
  const client = w.client('Government');
  const latest = await client.getBlockNumber();
  for (let n = 0n; n <= latest; n++) {
    const deployment = (await client.getBlock({ blockNumber: n, includeTransactions: true })).transactions.find((t) => t.to === null);
    if (deployment) return deployment.input.slice(2).toLowerCase();
  }
  throw new Error('the walk-through has no deployment transaction');
}

describe('the paper walk-through on Identree', () => {
  let w: Walkthrough;
  before(async () => (w = await runWalkthrough()));
  after(() => w.chain.stop());

  it('puts no attribute value in any storage slot or event', async () => {
    const dump = (await w.chain.test.request({ method: 'anvil_dumpState' as never })) as Hex;
    const code = await creationCode(w);
    // Contract code is public and holds no attribute; the holder registry's creation and runtime code
    // (deployed by the registry's constructor, so in no transaction) are removed from the scan too.
    const client = w.client('Government');
    const holders = await client.readContract({ address: w.registry, abi: identityRegistryAbi, functionName: 'holderRegistry' });
    const runtimes = await Promise.all([w.registry, holders].map(async (address) => ((await client.getCode({ address })) ?? '0x').slice(2).toLowerCase()));
    let state = gunzipSync(Buffer.from(dump.slice(2), 'hex')).toString('utf8').toLowerCase().replaceAll(code, '');
    for (const runtime of [...runtimes, holderRegistryBytecode.slice(2).toLowerCase()]) state = state.replaceAll(runtime, '');
    const logs = await w.client('Government').getLogs({ fromBlock: 0n });
    const eventBytes = logs.map((l) => [l.data, ...l.topics].join('')).join('').toLowerCase();
    // The scan must see the registry's storage, or finding nothing would prove nothing.
    assert.ok(state.includes(w.registry.slice(2).toLowerCase()), 'state dump contains the registry');
    assert.ok(logs.length > 20, 'the walk-through emitted events');
    const values = Object.values(attributes).flatMap((a) => Object.values(a) as string[]);
    for (const value of values) {
      for (const pattern of leakPatterns(value)) {
        assert.ok(!state.includes(pattern), `attribute value "${value}" found in chain state`);
        assert.ok(!eventBytes.includes(pattern), `attribute value "${value}" found in event data`);
      }
    }
  });

  it('keeps the salts and values with the holder, and the commitment on chain', async () => {
    const bc1 = await w.client('User1').getCredential({ uid: w.credentials.bc1! });
    const secret = w.secrets.find((s) => s.commitment === bc1?.commitment);
    assert.ok(secret, 'the anchored commitment is the root of the holder-kept attribute tree');
    assert.equal(secret.attributes.find((a) => a.name === 'givenName')?.value, attributes.birthCertificateUser1.givenName);
  });

  it('certifies by the issuer\'s standing: accredited University1, uncertified University2', async () => {
    const user1 = await w.client('User1').getIdentityTree({ holder: w.addresses.User1 });
    const user2 = await w.client('User2').getIdentityTree({ holder: w.addresses.User2 });
    const levels = (t: typeof user1) => Object.fromEntries(t!.credentials.map((c) => [c.typeName, c.level]));
    assert.deepEqual(levels(user1), { BirthCertificate: 'GovernmentCertified', ScholarCurriculum: 'Accredited' });
    assert.deepEqual(levels(user2), { BirthCertificate: 'GovernmentCertified', ScholarCurriculum: 'Uncertified' });
  });

  it('records the parents a government linked to User1\'s birth certificate', async () => {
    const parents = await w.client('User1').getParents({ uid: w.credentials.bc1! });
    assert.deepEqual(parents, { father: w.addresses.User2, mother: w.addresses.User3 });
  });
});
