import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash } from 'viem';
import type { EntityRecord, Storage } from './types.js';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const checksummedCase = (a: Address) => `0x${a.slice(2).toUpperCase()}` as Address;

const entity = (n: number, registrar: number, block: number, logIndex = 0, kind: EntityRecord['kind'] = 'Person'): EntityRecord => ({
  account: address(n), kind, status: 'Active', registrar: address(registrar), tokenId: BigInt(n),
  registration: { blockNumber: BigInt(block), transactionHash: hash(1000 + block), logIndex },
});

/** The registration tree and the sponsor's spending per entity (issue 19's government view), run by `describeStorage` on every backend. */
export function registrationTreeStorageTests(open: () => Promise<Storage>) {
  it('lists one level of the registration tree in registration order, never a registrar as its own child', async () => {
    const storage = await open();
    // 1 is the first root (it registered itself); 2 and 3 are its governments, 4..6 below them.
    await storage.entities.upsert(entity(1, 1, 1, 0, 'Government'));
    await storage.entities.upsert(entity(3, 1, 2, 1, 'Government'));
    await storage.entities.upsert(entity(2, 1, 2, 0, 'Government'));
    await storage.entities.upsert(entity(6, 3, 4, 0, 'Issuer'));
    await storage.entities.upsert(entity(5, 2, 5, 0));
    await storage.entities.upsert(entity(4, 2, 3, 0, 'Issuer'));
    const accounts = (list: EntityRecord[]) => list.map((e) => e.account);
    assert.deepEqual(accounts(await storage.entities.listByRegistrars([address(1)])), [address(2), address(3)]);
    assert.deepEqual(accounts(await storage.entities.listByRegistrars([checksummedCase(address(3)), address(2)])), [address(4), address(5), address(6)]);
    assert.deepEqual(accounts(await storage.entities.listByRegistrars([address(2), address(3)], { limit: 2 })), [address(4), address(5)]);
    assert.deepEqual(await storage.entities.listByRegistrars([address(4), address(5)]), []);
    assert.deepEqual(await storage.entities.listByRegistrars([]), []);
    const [university] = await storage.entities.listByRegistrars([address(3)]);
    assert.deepEqual(university, entity(6, 3, 4, 0, 'Issuer'));
  });

  it('moves an entity\'s new status into the tree', async () => {
    const storage = await open();
    await storage.entities.upsert(entity(7, 1, 1));
    await storage.entities.upsert({ ...entity(7, 1, 1), status: 'Suspended' }, { blockNumber: 2n, transactionHash: hash(2), logIndex: 0 });
    assert.deepEqual((await storage.entities.listByRegistrars([address(1)])).map((e) => e.status), ['Suspended']);
  });

  it('totals the gas, the wei and the writes the sponsor paid for each subject asked about, and only those', async () => {
    const storage = await open();
    let block = 0;
    const spent = (subject: number, payload: Record<string, string>, action = 'SponsoredGasSpent') => storage.audit.append({
      subject: address(subject), action, actor: address(99),
      event: { blockNumber: BigInt(++block), blockHash: hash(500 + block), transactionHash: hash(600 + block), logIndex: -1 }, payload,
    });
    await spent(1, { gasUsed: '50000', wei: '1000000000000000000000' });
    await spent(1, { gasUsed: '21000', wei: '21000000000' });
    await spent(2, { gasUsed: '30000', wei: '7' });
    await spent(3, { gasUsed: '1', wei: '1' });
    // Not the sponsor's spending, and a payload whose wei is not a decimal: neither adds anything.
    await spent(1, { gasUsed: '99', wei: '99' }, 'EntityRegistered');
    await spent(2, { gasUsed: 'much', wei: '-5' });
    const totals = await storage.audit.sponsoredGasBySubjects([address(2), checksummedCase(address(1)), address(4)]);
    assert.deepEqual(totals, [
      { subject: address(1), gasUsed: 71_000n, wei: 1_000_000_000_021_000_000_000n, writes: 2 },
      { subject: address(2), gasUsed: 30_000n, wei: 7n, writes: 2 },
    ]);
    assert.deepEqual(await storage.audit.sponsoredGasBySubjects([]), []);
  });
}
