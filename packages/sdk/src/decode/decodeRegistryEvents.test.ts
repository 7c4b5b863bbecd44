import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAbiParameters, encodeEventTopics, getAddress, keccak256, stringToHex, type Address, type Log } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { sendPrepared } from '../test/sendPrepared.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { prepareRegisterEntity } from '../prepare/prepareRegisterEntity.js';
import { prepareRebindByRegistrar } from '../prepare/prepareRebindByRegistrar.js';
import { decodeRegistryEvents } from './decodeRegistryEvents.js';

/** A log as a node returns it, around topics and data. */
const logOf = (topics: Log['topics'], data: Log['data'], logIndex: number): Log<bigint, number, false> => ({
  address: getAddress('0x00000000000000000000000000000000000000a1'),
  topics,
  data,
  logIndex,
  blockHash: keccak256(stringToHex('block')),
  blockNumber: 7n,
  transactionHash: keccak256(stringToHex('tx')),
  transactionIndex: 0,
  removed: false,
});

describe('decodeRegistryEvents', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
  });
  after(() => f.stop());

  it("decodes a registration's receipt into JSON-safe events, the token id as a decimal string", async () => {
    const alice = privateKeyToAccount(generatePrivateKey()).address;
    const receipt = await sendPrepared(f.chain.wallet(0), prepareRegisterEntity({ registry: f.registry, entity: alice, kind: 'Person' }));
    const events = decodeRegistryEvents(receipt.logs);
    assert.deepEqual(events.map((e) => e.event).sort(), ['EntityRegistered', 'Locked', 'Transfer']);
    assert.deepEqual(events.map((e) => e.logIndex), receipt.logs.map((l) => l.logIndex));
    const registered = events.find((e) => e.event === 'EntityRegistered');
    assert.deepEqual(registered?.args, { account: alice, registrar: f.as(0).address, kind: 4 });
    const minted = events.find((e) => e.event === 'Transfer');
    assert.equal(minted?.args.tokenId, BigInt(alice).toString());
    assert.deepEqual(JSON.parse(JSON.stringify(events)), events);
  });

  it("decodes the holder registry's events with the same call", async () => {
    const person = privateKeyToAccount(generatePrivateKey()).address;
    const newKey = privateKeyToAccount(generatePrivateKey()).address;
    await f.as(0).registerEntity({ entity: person, kind: 'Person' });
    const evidence = keccak256(stringToHex('in-person check'));
    const receipt = await sendPrepared(f.chain.wallet(0), prepareRebindByRegistrar({ holderRegistry, identity: person, newKey, evidence }));
    const names = decodeRegistryEvents(receipt.logs).map((e) => e.event);
    assert.ok(names.includes('IdentityRebound'), names.join());
    assert.ok(names.includes('KeyChanged'), names.join());
  });

  it('round-trips an encoded event, and leaves out a log no registry event matches', () => {
    const account = getAddress('0x00000000000000000000000000000000000a11ce');
    const registrar = getAddress('0x0000000000000000000000000000000000000b0b');
    const topics = encodeEventTopics({ abi: identityRegistryAbi, eventName: 'EntityRegistered', args: { account, registrar } });
    const data = encodeAbiParameters([{ type: 'uint8' }], [2]);
    const foreign = logOf([keccak256(stringToHex('Deposit(address,uint256)'))], '0x', 0);
    assert.deepEqual(decodeRegistryEvents([foreign, logOf(topics as Log['topics'], data, 1)]), [
      { event: 'EntityRegistered', logIndex: 1, args: { account, registrar, kind: 2 } },
    ]);
  });
});
