import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeEventTopics, getAddress, keccak256, stringToHex, type Address, type Log } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { prepareRegisterEntity } from '../prepare/prepareRegisterEntity.js';
import { prepareSuspendEntity } from '../prepare/prepareSuspendEntity.js';
import { prepareRebindByRegistrar } from '../prepare/prepareRebindByRegistrar.js';
import { parseRegistryLogs } from './parseRegistryLogs.js';

describe('parseRegistryLogs', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
  });
  after(() => f.stop());

  it("parses a range of both contracts' logs, as an indexer reads them, into named events with bigint fields", async () => {
    const alice = privateKeyToAccount(generatePrivateKey()).address;
    const from = await f.as(0).getBlockNumber();
    await sendPrepared(f.chain.wallet(0), prepareRegisterEntity({ registry: f.registry, entity: alice, kind: 'Person' }));
    await sendPrepared(f.chain.wallet(0), prepareSuspendEntity({ registry: f.registry, entity: alice }));
    const evidence = keccak256(stringToHex('check'));
    await sendPrepared(f.chain.wallet(0), prepareRebindByRegistrar({ holderRegistry, identity: alice, newKey: privateKeyToAccount(generatePrivateKey()).address, evidence }));
    const raw = await f.as(0).getLogs({ address: [f.registry, holderRegistry], fromBlock: from + 1n });
    const logs = parseRegistryLogs(raw);
    assert.equal(logs.length, raw.length);
    const names = logs.map((l) => l.eventName);
    for (const name of ['EntityRegistered', 'Transfer', 'EntityStatusChanged', 'IdentityRebound'] as const) assert.ok(names.includes(name), `${name} in ${names.join()}`);
    const transfer = logs.find((l) => l.eventName === 'Transfer');
    assert.equal(transfer?.eventName === 'Transfer' && transfer.args.tokenId, BigInt(alice));
    assert.equal(typeof logs[0]?.blockNumber, 'bigint');
  });

  it('keeps a named event whose data does not decode, and drops a log no registry event names', () => {
    const account = getAddress('0x00000000000000000000000000000000000a11ce');
    const topics = encodeEventTopics({ abi: identityRegistryAbi, eventName: 'EntityRegistered', args: { account, registrar: account } });
    const base = { address: f.registry, blockHash: keccak256(stringToHex('b')), blockNumber: 1n, transactionHash: keccak256(stringToHex('t')), transactionIndex: 0, removed: false };
    const truncated: Log = { ...base, topics: topics as Log['topics'], data: '0x', logIndex: 0 };
    const foreign: Log = { ...base, topics: [keccak256(stringToHex('Deposit(address,uint256)'))], data: '0x', logIndex: 1 };
    const logs = parseRegistryLogs([truncated, foreign]);
    assert.deepEqual(logs.map((l) => [l.eventName, l.logIndex]), [['EntityRegistered', 0]]);
  });
});
