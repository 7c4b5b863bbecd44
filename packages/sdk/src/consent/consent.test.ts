import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Address, type Hash, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { InvalidParameterError } from '../errors/base.js';
import {
  ConsentGrantNotFoundError,
  ConsentInvalidDurationError,
  ConsentInvalidVerifierError,
  ConsentSignatureExpiredError,
  ConsentSignatureInvalidError,
} from '../errors/holderRegistry.js';
import { CredentialType } from '../types.js';
import { WHOLE_CREDENTIAL, attributesDigest } from './attributesDigest.js';
import { decodeGrantWord } from './decodeGrantWord.js';
import { holderRegistryAbi } from '@identree/abi';
import { parseEventLogs } from 'viem';
import { prepareLogAccess } from '../prepare/prepareLogAccess.js';
import { sendPrepared } from '../test/sendPrepared.js';

describe('consent: grants, signed grants, checkAccess and the access log', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  let holder: LocalAccount;
  let uid: Hash;
  // 0 root; 1 sponsor; 2 bank (verifier); 3 insurer (verifier); 4 a person with a key the node holds.
  const as = (i: number) => Object.assign(f.as(i).extend(holderActions(holderRegistry)), { address: f.as(i).address });
  const holderClient = () =>
    createWalletClient({ account: holder, chain: f.chain.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions).extend(holderActions(holderRegistry));
  const mineAt = async (timestamp: number) => {
    await f.chain.test.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
    await f.chain.test.mine({ blocks: 1 });
  };

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    holder = privateKeyToAccount(generatePrivateKey());
    await f.as(0).registerEntity({ entity: holder.address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(4).address, kind: 'Person' });
    ({ uid } = await f.as(0).anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitmentOf('consent-passport') }));
  });
  after(() => f.stop());

  it('finds the holder registry the identity registry deployed', async () => {
    assert.match(holderRegistry, /^0x[0-9a-fA-F]{40}$/);
    assert.notEqual(holderRegistry.toLowerCase(), f.registry.toLowerCase());
  });

  it('answers yes one second before expiry and no exactly at it', async () => {
    const person = as(4);
    const { uid: own } = await f.as(0).anchorCredential({ subject: person.address, credentialType: CredentialType.Passport, commitment: commitmentOf('fourth-passport') });
    const { blockNumber } = await person.grantAccess({ verifier: as(2).address, uid: own, duration: 100 });
    const granted = Number((await f.as(0).getBlock({ blockNumber })).timestamp);
    const grant = await person.getGrant({ holder: person.address, verifier: as(2).address, uid: own });
    assert.deepEqual(grant, { expiresAt: granted + 100, grantedAt: granted, attributes: WHOLE_CREDENTIAL });
    await mineAt(granted + 99);
    assert.equal(await person.checkAccess({ holder: person.address, verifier: as(2).address, uid: own }), true);
    await mineAt(granted + 100);
    assert.equal(await person.checkAccess({ holder: person.address, verifier: as(2).address, uid: own }), false);
  });

  it("carries in AccessGranted's one word exactly the grant the contract stored", async () => {
    const person = as(4);
    const { uid: own } = await f.as(0).anchorCredential({ subject: person.address, credentialType: CredentialType.Passport, commitment: commitmentOf('grant-word-passport') });
    const attributes = attributesDigest(['ageOver18', 'nationality']);
    const { hash: transactionHash } = await person.grantAccess({ verifier: as(3).address, uid: own, duration: 7_200, attributes });
    const receipt = await f.as(0).getTransactionReceipt({ hash: transactionHash });
    const [event] = parseEventLogs({ abi: holderRegistryAbi, logs: receipt.logs, eventName: 'AccessGranted' });
    assert.ok(event, 'AccessGranted emitted');
    const stored = await person.getGrant({ holder: person.address, verifier: as(3).address, uid: own });
    assert.deepEqual(decodeGrantWord(event.args.grant), stored);
    assert.equal(stored?.attributes, attributes);
  });

  it('refuses a grant word that is not one, naming the parameter', () => {
    assert.throws(() => decodeGrantWord('0x1234'), (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'grant');
    assert.throws(() => decodeGrantWord(`0xff${'00'.repeat(31)}`), (e: unknown) => e instanceof InvalidParameterError && /248/.test(e.message));
    assert.deepEqual(decodeGrantWord(`0x${'00'.repeat(32)}`), { expiresAt: 0, grantedAt: 0, attributes: WHOLE_CREDENTIAL });
  });

  it('grants through a sponsor from a holder with no ether, and revokes the same way', async () => {
    const bank = as(2).address;
    const signed = await holderClient().signGrantAccess({ verifier: bank, uid, duration: 3600, attributes: attributesDigest(['ageOver18']) });
    assert.equal(signed.holder, holder.address);
    await as(1).relayGrantAccess(signed);
    assert.equal(await f.as(0).getBalance({ address: holder.address }), 0n);
    assert.equal(await as(0).checkAccess({ holder: holder.address, verifier: bank, uid, attributes: attributesDigest(['ageOver18']) }), true);
    // An attribute-limited grant answers only for exactly its attributes.
    assert.equal(await as(0).checkAccess({ holder: holder.address, verifier: bank, uid, attributes: attributesDigest(['ageOver18', 'givenName']) }), false);
    assert.equal(await as(0).checkAccess({ holder: holder.address, verifier: bank, uid }), false);

    await as(1).relayRevokeAccess(await holderClient().signRevokeAccess({ verifier: bank, uid }));
    assert.equal(await as(0).checkAccess({ holder: holder.address, verifier: bank, uid, attributes: attributesDigest(['ageOver18']) }), false);
    assert.equal(await as(0).getGrant({ holder: holder.address, verifier: bank, uid }), null, 'revocation deletes the grant');
  });

  it('rejects a replayed or redirected signed grant, and an expired one, and changes nothing', async () => {
    const insurer = as(3).address;
    const signed = await holderClient().signGrantAccess({ verifier: insurer, uid, duration: 60 });
    await rejectsWith(as(1).relayGrantAccess({ ...signed, verifier: as(2).address }), ConsentSignatureInvalidError, (e) => assert.deepEqual(e.args, [holder.address]));
    await as(1).relayGrantAccess(signed);
    await rejectsWith(as(1).relayGrantAccess(signed), ConsentSignatureInvalidError);
    const latest = Number((await f.as(0).getBlock()).timestamp);
    const expired = await holderClient().signGrantAccess({ verifier: insurer, uid, duration: 60, deadline: BigInt(latest - 1) });
    await rejectsWith(as(1).relayGrantAccess(expired), ConsentSignatureExpiredError);
  });

  it('refuses a zero or too long duration, a grant to oneself, and a revoke of nothing, with typed errors', async () => {
    const person = as(4);
    const bank = as(2).address;
    await rejectsWith(person.grantAccess({ verifier: bank, uid, duration: 0 }), ConsentInvalidDurationError, (e) => assert.equal(e.args[0], 0n));
    await rejectsWith(person.grantAccess({ verifier: bank, uid, duration: 365 * 86_400 + 1 }), ConsentInvalidDurationError);
    await rejectsWith(person.grantAccess({ verifier: person.address, uid, duration: 10 }), ConsentInvalidVerifierError);
    await rejectsWith(person.revokeAccess({ verifier: as(3).address, uid }), ConsentGrantNotFoundError);
    await rejectsWith(person.grantAccess({ verifier: bank, uid, duration: 10, attributes: '0x1234' }), InvalidParameterError, (e) => assert.equal(e.parameter, 'attributes'));
  });

  it('shows the holder a timeline of who accessed which attributes, when, and whether it worked', async () => {
    const bank = as(2);
    const digest = attributesDigest(['ageOver18']);
    const first = await bank.logAccess({ holder: holder.address, uid, attributes: digest, success: true });
    await as(3).logAccess({ holder: holder.address, uid, success: false });
    await bank.logAccess({ holder: as(4).address, uid, success: true }); // another holder's log
    const timeline = await as(0).getAccessLog({ holder: holder.address });
    assert.deepEqual(
      timeline.map((r) => [r.verifier, r.attributes, r.success]),
      [
        [bank.address, digest, true],
        [as(3).address, WHOLE_CREDENTIAL, false],
      ],
    );
    assert.equal(timeline[0]!.transactionHash, first.hash);
    assert.equal(timeline[0]!.blockTime, Number((await f.as(0).getBlock({ blockNumber: first.blockNumber })).timestamp));
  });

  it('logs an access from the prepared call, sent by the verifier\'s plain viem wallet, and refuses a malformed one before signing', async () => {
    const digest = attributesDigest(['program']);
    await sendPrepared(f.chain.wallet(3), prepareLogAccess({ holderRegistry, holder: holder.address, uid, attributes: digest, success: true }));
    const latest = (await as(0).getAccessLog({ holder: holder.address })).at(-1);
    assert.deepEqual([latest!.verifier, latest!.uid, latest!.attributes, latest!.success], [as(3).address, uid, digest, true]);
    assert.throws(() => prepareLogAccess({ holderRegistry, holder: '0x1234', uid, success: true }), (e: InvalidParameterError) => e.parameter === 'holder');
    assert.throws(() => prepareLogAccess({ holderRegistry, holder: holder.address, uid: '0x12', success: true }), (e: InvalidParameterError) => e.parameter === 'uid');
    assert.throws(() => prepareLogAccess({ holderRegistry, holder: holder.address, uid, attributes: '0x12', success: true }), (e: InvalidParameterError) => e.parameter === 'attributes');
  });
});
