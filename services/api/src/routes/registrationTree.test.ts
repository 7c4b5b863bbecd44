import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hash, Hex, LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

type Node = { account: string; registrar: string; kind: string; status: string; level: number; sponsoredGas: { gasUsed: string; wei: string; writes: number } | null };

/** Issue 19's government view: who registered whom, and what the sponsor paid for each entity, for those who may see it. */
describe('the registration tree', () => {
  let f: ServiceFixture;
  const root = privateKeyToAccount(devPrivateKey(0)); // the root authority the chain was deployed with
  const ministry = privateKeyToAccount(generatePrivateKey());
  const otherMinistry = privateKeyToAccount(generatePrivateKey());
  const province = privateKeyToAccount(generatePrivateKey());
  const citizen = privateKeyToAccount(generatePrivateKey());
  const tokens = new Map<string, string>();
  const paid = new Map<string, bigint>();
  let keys = 0;

  const tokenOf = async (account: LocalAccount) => {
    if (!tokens.has(account.address)) tokens.set(account.address, await f.login(account));
    return tokens.get(account.address)!;
  };
  /** `registrar` registers `entity` through the sponsor, signing the AuthorityCall as a wallet would; returns the wei the sponsor paid. */
  const registerRelayed = async (registrar: LocalAccount, entity: LocalAccount, kind: string) => {
    const authorization = `Bearer ${await tokenOf(registrar)}`;
    const prepared = await f.app.inject({ method: 'POST', url: '/prepare/register-entity/relayed', headers: { authorization }, payload: { entity: entity.address, kind } });
    assert.equal(prepared.statusCode, 200, prepared.body);
    const typed = prepared.json() as { domain: never; types: never; primaryType: string; message: { signer: Hex; data: Hex; nonce: string; deadline: string } };
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await registrar.signTypedData({ domain: typed.domain, types: typed.types, primaryType: typed.primaryType, message } as never);
    const res = await f.app.inject({
      method: 'POST', url: '/relay/authority-call', headers: { authorization, 'idempotency-key': `registration-tree-${++keys}` },
      payload: { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature },
    });
    assert.equal(res.statusCode, 200, res.body);
    const receipt = await f.chain.reader.getTransactionReceipt({ hash: res.json().transactionHash as Hash });
    paid.set(registrar.address, (paid.get(registrar.address) ?? 0n) + receipt.gasUsed * receipt.effectiveGasPrice);
  };
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const tree = async (query = '', as?: LocalAccount) => {
    const res = await f.app.inject({ method: 'GET', url: `/registry/tree${query}`, headers: as ? { authorization: `Bearer ${await tokenOf(as)}` } : {} });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { truncated: boolean; nodes: Node[] };
  };
  /** Whose sponsored gas the answer shows, as `account: writes`. */
  const gasShown = (nodes: Node[]) => Object.fromEntries(nodes.filter((n) => n.sponsoredGas).map((n) => [n.account, n.sponsoredGas!.writes]));

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: ministry.address, kind: 'Government' });
    await f.chain.sponsor.registerEntity({ entity: otherMinistry.address, kind: 'Government' });
    await registerRelayed(ministry, province, 'Government');
    await registerRelayed(province, citizen, 'Person');
    await indexed();
  });
  after(() => f.stop());

  it('draws who registered whom from the first root down, level by level, for anyone, with no one\'s sponsored gas', async () => {
    const { truncated, nodes } = await tree();
    assert.equal(truncated, false);
    assert.deepEqual(nodes.map((n) => [n.account, n.registrar, n.kind, n.status, n.level]), [
      [root.address, root.address, 'Government', 'Active', 0],
      [ministry.address, root.address, 'Government', 'Active', 1],
      [otherMinistry.address, root.address, 'Government', 'Active', 1],
      [province.address, ministry.address, 'Government', 'Active', 2],
      [citizen.address, province.address, 'Person', 'Active', 3],
    ]);
    assert.deepEqual(gasShown(nodes), {});
  });

  it('shows an entity the gas the sponsor paid for it and for those below it, and nothing of a sibling\'s or a registrar\'s', async () => {
    const seenByMinistry = (await tree('', ministry)).nodes;
    assert.deepEqual(gasShown(seenByMinistry), { [ministry.address]: 1, [province.address]: 1, [citizen.address]: 0 });
    const own = seenByMinistry.find((n) => n.account === ministry.address)!.sponsoredGas!;
    assert.equal(own.wei, paid.get(ministry.address)!.toString());
    assert.ok(BigInt(own.gasUsed) > 21_000n, own.gasUsed);
    assert.deepEqual(gasShown((await tree('', province)).nodes), { [province.address]: 1, [citizen.address]: 0 });
    assert.deepEqual(gasShown((await tree('', otherMinistry)).nodes), { [otherMinistry.address]: 0 });
    assert.deepEqual(gasShown((await tree('', citizen)).nodes), { [citizen.address]: 0 });
  });

  it('shows the root authority every entity\'s sponsored gas', async () => {
    const { nodes } = await tree('', root);
    assert.deepEqual(gasShown(nodes), { [root.address]: 0, [ministry.address]: 1, [otherMinistry.address]: 0, [province.address]: 1, [citizen.address]: 0 });
    assert.equal(nodes.find((n) => n.account === province.address)!.sponsoredGas!.wei, paid.get(province.address)!.toString());
  });

  it('cuts the tree breadth first at the limit and says so, and starts lower down on request with levels still counted from the top', async () => {
    const cut = await tree('?limit=2');
    assert.equal(cut.truncated, true);
    assert.deepEqual(cut.nodes.map((n) => n.account), [root.address, ministry.address]);
    const exact = await tree('?limit=5');
    assert.equal(exact.truncated, false);
    const lower = await tree(`?from=${province.address.toLowerCase()}`, ministry);
    assert.deepEqual(lower.nodes.map((n) => [n.account, n.level]), [[province.address, 2], [citizen.address, 3]]);
    assert.deepEqual(gasShown(lower.nodes), { [province.address]: 1, [citizen.address]: 0 }, 'a registrar above the starting entity sees below it');
  });

  it('answers bad input with a typed 400 naming the field, an unknown entity with 404, and a bad token with 401', async () => {
    for (const query of ['?limit=0', '?limit=1001', '?limit=ten', '?from=0x1234', '?depth=3']) {
      const res = await f.app.inject({ method: 'GET', url: `/registry/tree${query}` });
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(res.json().error, 'invalid_request', query);
      const field = query.slice(1).split('=')[0]!;
      assert.match(res.json().message, new RegExp(field === 'depth' ? 'additional|depth' : field), query);
    }
    const unknown = await f.app.inject({ method: 'GET', url: `/registry/tree?from=${privateKeyToAccount(generatePrivateKey()).address}` });
    assert.equal(unknown.statusCode, 404, unknown.body);
    const forged = await f.app.inject({ method: 'GET', url: '/registry/tree', headers: { authorization: 'Bearer not.a.token' } });
    assert.equal(forged.statusCode, 401, forged.body);
  });

  it('stops showing a suspended registrar what lies below it, while it still sees its own', async () => {
    await f.chain.sponsor.suspendEntity({ entity: ministry.address });
    await indexed();
    const { nodes } = await tree('', ministry);
    assert.equal(nodes.find((n) => n.account === ministry.address)!.status, 'Suspended');
    assert.deepEqual(gasShown(nodes), { [ministry.address]: 1 });
  });
});
