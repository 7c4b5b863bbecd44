import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, custom, numberToHex } from 'viem';
import { perBlock } from './perBlock.js';

/** A client whose head is whatever the test says, counting how often it was asked. */
const chainAt = () => {
  const state = { block: 100n, headReads: 0 };
  const client = createClient({ transport: custom({ request: async ({ method }) => {
    if (method !== 'eth_blockNumber') throw new Error(`unexpected ${method}`);
    state.headReads++;
    return numberToHex(state.block);
  } }) });
  return { client, state };
};

describe('perBlock', () => {
  it('shares one read among callers at the same block, and reads again once the head moves', async () => {
    const { client, state } = chainAt();
    const shared = perBlock(client);
    let reads = 0;
    const read = async () => { reads++; await new Promise((r) => setTimeout(r, 10)); return `state at ${state.block}`; };
    const answers = await Promise.all(Array.from({ length: 20 }, () => shared('enrollment 0x01', read)));
    assert.equal(reads, 1, 'twenty concurrent callers, one read');
    assert.deepEqual(new Set(answers), new Set(['state at 100']));
    const before = state.headReads;
    await shared('enrollment 0x02', read);
    assert.equal(state.headReads, before + 1, 'the head is asked afresh by a later caller, never taken from a cache');
    assert.equal(reads, 2, 'another key is another read');
    state.block = 101n;
    assert.equal(await shared('enrollment 0x01', read), 'state at 101');
    assert.equal(reads, 3, 'a new block, a fresh read');
  });

  it('asks the head once for callers that arrive while it is being asked', async () => {
    const { client, state } = chainAt();
    const shared = perBlock(client);
    let reads = 0;
    const read = async () => { reads++; return `state at ${state.block}`; };
    await Promise.all(Array.from({ length: 50 }, () => shared('enrollment 0x01', read)));
    assert.equal(state.headReads, 1, 'fifty concurrent callers, one eth_blockNumber (viem joins asks in flight)');
    assert.equal(reads, 1);
    await shared('enrollment 0x01', read);
    assert.equal(state.headReads, 2, 'a caller after the ask answered asks again');
  });

  it('does not keep a failed read', async () => {
    const { client } = chainAt();
    const shared = perBlock(client);
    let calls = 0;
    const flaky = async () => { if (++calls === 1) throw new Error('node unreachable'); return 'ok'; };
    await assert.rejects(shared('k', flaky), /node unreachable/);
    assert.equal(await shared('k', flaky), 'ok');
    assert.equal(calls, 2);
  });
});
