import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { issueCredential } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('sponsor policy', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  let uid: Hex;
  let token: string;

  before(async () => {
    // A quota of one wei: the first relayed write uses it up.
    f = await serviceFixture({ SPONSOR_QUOTA_WEI: '1' });
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    const vc = await issueCredential(f.chain.sponsor, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    uid = vc.proof.uid;
    assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
    token = await f.login(holder);
  });
  after(() => f.stop());

  /** The holder signs a LinkCredential or UnlinkCredential message the API prepared, and asks the service to relay it. */
  const relay = async (message: 'link-credential' | 'unlink-credential', route: '/tree/link' | '/tree/unlink', key: string) => {
    const typed = (await f.app.inject({ method: 'POST', url: `/prepare/holder/${message}`, payload: { holder: holder.address, uid } })).json();
    const signed = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await holder.signTypedData({ ...typed, message: signed });
    return f.app.inject({
      method: 'POST', url: route, headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      payload: { holder: holder.address, uid, deadline: Number(signed.deadline), signature },
    });
  };

  it('records the gas the sponsor paid for a relayed write in the requester\'s audit log', async () => {
    const res = await relay('link-credential', '/tree/link', 'quota-link');
    assert.equal(res.statusCode, 200, res.body);
    const { entries } = (await f.app.inject({ method: 'GET', url: `/entities/${holder.address}/audit`, headers: { authorization: `Bearer ${token}` } })).json();
    const spent = entries.find((e: { action: string }) => e.action === 'SponsoredGasSpent');
    assert.ok(spent, JSON.stringify(entries));
    assert.equal(spent.proof.transactionHash, res.json().transactionHash);
    const receipt = await f.chain.reader.getTransactionReceipt({ hash: res.json().transactionHash });
    assert.equal(spent.payload.wei, (receipt.gasUsed * receipt.effectiveGasPrice).toString());
    assert.equal(spent.payload.functionName, 'linkCredentialBySig');
  });

  it('refuses a relayed write once the requester\'s quota is used up, before anything is sent', async () => {
    const nonce = await f.chain.reader.getTransactionCount({ address: f.chain.sponsorAddress });
    const res = await relay('unlink-credential', '/tree/unlink', 'quota-unlink');
    assert.equal(res.statusCode, 429, res.body);
    assert.equal(res.json().error, 'sponsor_quota_exceeded');
    assert.match(res.json().message, /quota is 0\.000000000000000001/);
    assert.equal(await f.chain.reader.getTransactionCount({ address: f.chain.sponsorAddress }), nonce);
  });
});
