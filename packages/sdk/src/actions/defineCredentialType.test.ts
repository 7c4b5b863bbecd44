import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hexToString, stringToHex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, rejectsWith } from '../test/assertions.js';
import { CredentialTypeNameInvalidError, CredentialTypeUnknownError, RootUnauthorizedAccountError } from '../errors/registry.js';
import { InvalidParameterError } from '../errors/base.js';
import { CredentialType } from '../types.js';

describe('defineCredentialType', () => {
  let f: RegistryFixture;
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Government' });
    await f.as(0).registerEntity({ entity: f.as(2).address, kind: 'Person' });
  });
  after(() => f.stop());

  const read = <N extends 'credentialTypeRules' | 'credentialTypeName' | 'credentialTypeCount'>(functionName: N, args: readonly unknown[] = []) =>
    f.as(0).readContract({ address: f.registry, abi: identityRegistryAbi, functionName, args } as never) as Promise<any>;

  it('ships the four built-in types', async () => {
    assert.equal(await read('credentialTypeCount'), 4);
    for (const [name, id] of Object.entries(CredentialType)) {
      assert.equal(hexToString(await read('credentialTypeName', [id]), { size: 32 }), name);
    }
  });

  it('defines the next type id with its name and rules', async () => {
    const root = f.as(0);
    const { credentialType, gasUsed } = await root.defineCredentialType({
      name: 'Diploma',
      rules: { appendable: true, sourceType: CredentialType.BirthCertificate },
    });
    assert.equal(credentialType, 5);
    assert.ok(gasUsed > 21_000n);
    assert.equal(await read('credentialTypeName', [5]), stringToHex('Diploma', { size: 32 }));
    assert.deepEqual(await read('credentialTypeRules', [5]), {
      transferable: false,
      governmentOnly: false,
      parentLinks: false,
      appendable: true,
      sourceType: CredentialType.BirthCertificate,
    });
  });

  it('defaults every rule to off', async () => {
    const { credentialType } = await f.as(0).defineCredentialType({ name: 'Membership' });
    assert.equal(credentialType, 6);
    assert.deepEqual(await read('credentialTypeRules', [6]), {
      transferable: false,
      governmentOnly: false,
      parentLinks: false,
      appendable: false,
      sourceType: 0,
    });
    assert.equal(await read('credentialTypeCount'), 6);
  });

  it('stores UTF-8 names, and getCredential reads them back', async () => {
    const root = f.as(0);
    const name = 'Permis de séjour';
    const { credentialType } = await root.defineCredentialType({ name, rules: { governmentOnly: true } });
    const { uid } = await root.anchorCredential({ subject: f.as(2).address, credentialType, commitment: commitmentOf('permit') });
    const credential = await root.getCredential({ uid });
    assert.equal(credential?.typeName, name);
    assert.equal(credential?.credentialType, credentialType);
  });

  it('accepts a name of exactly 31 bytes', async () => {
    const name = 'X'.repeat(31);
    const { credentialType } = await f.as(0).defineCredentialType({ name });
    assert.equal(hexToString(await read('credentialTypeName', [credentialType]), { size: 32 }), name);
  });

  it('rejects a name already in use, built-in or not', async () => {
    await rejectsWith(f.as(0).defineCredentialType({ name: 'Diploma' }), CredentialTypeNameInvalidError, (e) => {
      assert.deepEqual(e.args, [stringToHex('Diploma', { size: 32 })]);
      assert.match(e.shortMessage, /empty or already used/);
    });
    await rejectsWith(f.as(0).defineCredentialType({ name: 'BirthCertificate' }), CredentialTypeNameInvalidError);
  });

  it('only lets the root define types, not any government', async () => {
    await rejectsWith(f.as(1).defineCredentialType({ name: 'Licence' }), RootUnauthorizedAccountError, (e) => {
      assert.deepEqual(e.args, [f.as(1).address]);
    });
  });

  it('rejects a source type that does not exist', async () => {
    await rejectsWith(f.as(0).defineCredentialType({ name: 'Orphan', rules: { sourceType: 200 } }), CredentialTypeUnknownError, (e) => {
      assert.deepEqual(e.args, [200]);
    });
  });

  it('rejects empty and over-long names before sending anything', async () => {
    const root = f.as(0);
    const nonce = await root.getTransactionCount({ address: root.address });
    const count = await read('credentialTypeCount');
    for (const name of ['', 'Y'.repeat(32), 'é'.repeat(16)]) {
      await rejectsWith(root.defineCredentialType({ name }), InvalidParameterError, (e) => assert.equal(e.parameter, 'name'));
    }
    assert.equal(await root.getTransactionCount({ address: root.address }), nonce);
    assert.equal(await read('credentialTypeCount'), count);
  });
});
