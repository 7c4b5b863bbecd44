import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFunctionData, type Hex } from 'viem';
import { devAccount } from '@identree/devchain';
import { EntityKind, identityRegistryAbi } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('write routes', () => {
  let f: ServiceFixture;
  const government = devAccount(0);
  const stranger = devAccount(6);
  let govToken: string;

  before(async () => {
    f = await serviceFixture();
    govToken = await f.login(government);
  });
  after(() => f.stop());

  /** What a government's wallet does: build and sign a registry call, without the service's help. */
  const signCall = async (account = government, functionName: string, args: unknown[]): Promise<Hex> => {
    const request = await f.chain.reader.prepareTransactionRequest({
      account, to: f.chain.registry, data: encodeFunctionData({ abi: identityRegistryAbi, functionName: functionName as never, args: args as never }), chain: f.chain.sponsor.chain,
      // A fixed limit, so a call the registry will refuse can still be signed and submitted.
      gas: 300_000n,
    } as never);
    return account.signTransaction(request as never);
  };
  const post = (url: string, token: string, key: string | undefined, payload: object) =>
    f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, payload });

  it('registers an entity from a transaction the government signed, and answers a repeat without resending', async () => {
    const citizen = devAccount(7).address;
    const signedTransaction = await signCall(government, 'registerEntity', [citizen, EntityKind.Person]);
    const first = await post('/entities', govToken, 'register-citizen-7', { signedTransaction });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'confirmed');
    assert.equal(first.json().response.events[0].event, 'EntityRegistered');
    const nonceAfter = await f.chain.reader.getTransactionCount({ address: government.address });
    const again = await post('/entities', govToken, 'register-citizen-7', { signedTransaction });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await f.chain.reader.getTransactionCount({ address: government.address }), nonceAfter);
    assert.equal((await f.app.inject({ method: 'GET', url: `/entities/${citizen}` })).json().kind, 'Person');
  });

  it('refuses a reused key with another body', async () => {
    const signedTransaction = await signCall(government, 'registerEntity', [devAccount(8).address, EntityKind.Person]);
    const res = await post('/entities', govToken, 'register-citizen-7', { signedTransaction });
    assert.equal(res.statusCode, 409, res.body);
  });

  it('requires an Idempotency-Key, a token, and the caller\'s own signature', async () => {
    const signedTransaction = await signCall(government, 'registerEntity', [devAccount(9).address, EntityKind.Person]);
    const noKey = await post('/entities', govToken, undefined, { signedTransaction });
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.json().message, /idempotency-key/);
    const noToken = await f.app.inject({ method: 'POST', url: '/entities', headers: { 'idempotency-key': 'abcdefgh1' }, payload: { signedTransaction } });
    assert.equal(noToken.statusCode, 401);
    // A registered person may not register anyone, and may not submit the government's transaction as theirs.
    const personToken = await f.login(devAccount(7));
    assert.equal((await post('/entities', personToken, 'person-try-1', { signedTransaction })).statusCode, 403);
  });

  it('refuses a transaction for another function than the route\'s', async () => {
    const signedTransaction = await signCall(government, 'suspendEntity', [devAccount(7).address]);
    const res = await post('/entities', govToken, 'wrong-function-1', { signedTransaction });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /registerEntity/);
  });

  it('answers a write the registry would refuse with its typed revert, before anything is sent', async () => {
    const signedTransaction = await signCall(government, 'registerEntity', [devAccount(7).address, EntityKind.Person]);
    const nonceBefore = await f.chain.reader.getTransactionCount({ address: government.address });
    const res = await post('/entities', govToken, 'duplicate-register-1', { signedTransaction });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error, 'entity_already_registered');
    assert.equal(await f.chain.reader.getTransactionCount({ address: government.address }), nonceBefore);
  });

  it('shows a write only to its owner', async () => {
    const signedTransaction = await signCall(government, 'registerEntity', [devAccount(9).address, EntityKind.Organization]);
    const { id } = (await post('/entities', govToken, 'register-org-9', { signedTransaction })).json();
    assert.equal((await f.app.inject({ method: 'GET', url: `/writes/${id}`, headers: { authorization: `Bearer ${govToken}` } })).json().status, 'confirmed');
    const otherToken = await f.login(stranger);
    assert.equal((await f.app.inject({ method: 'GET', url: `/writes/${id}`, headers: { authorization: `Bearer ${otherToken}` } })).statusCode, 404);
  });
});
