import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AbiParameter } from 'viem';
import { holderRegistryAbi } from '@identree/abi';
import { IdentreeError } from './base.js';
import { RegistryRevertError } from './registry.js';
import { decodeHolderRegistryError, holderRegistryErrorClass } from './holderRegistry.js';
import * as exported from '../exports/index.js';
import { revertOf as revertOfAbi, sampleArgument } from '../test/reverts.js';

const revertOf = (errorName: string, args: readonly unknown[]) => revertOfAbi(holderRegistryAbi, errorName, args);
type AbiErrorItem = Extract<(typeof holderRegistryAbi)[number], { type: 'error' }>;
/** OpenZeppelin errors the holder registry inherits but never raises (Nonces' checked nonce, ShortStrings). */
const foreignErrors = new Set(['InvalidAccountNonce', 'InvalidShortString', 'StringTooLong']);

describe('decodeHolderRegistryError', () => {
  it('has a typed, exported class for every error the holder registry raises, the relayed-message ones included', () => {
    const names = new Set<string>();
    for (const { name, inputs } of holderRegistryAbi.filter((item): item is AbiErrorItem => item.type === 'error')) {
      if (foreignErrors.has(name)) continue;
      names.add(name);
      const Class = holderRegistryErrorClass(name);
      assert.ok(Class, `no class for ${name}`);
      assert.equal((exported as Record<string, unknown>)[`${name}Error`], Class, `${name}Error is not exported`);
      const args = (inputs as readonly AbiParameter[]).map(sampleArgument);
      const decoded = decodeHolderRegistryError(revertOf(name, args));
      assert.ok(decoded instanceof Class, name);
      assert.ok(decoded instanceof RegistryRevertError && decoded instanceof IdentreeError);
      assert.equal(decoded.name, `${name}Error`);
      assert.equal(decoded.errorName, name);
      assert.deepEqual(decoded.args, args);
      assert.doesNotMatch(decoded.shortMessage, /undefined|reverted with/, name);
    }
    for (const name of ['HolderSignatureExpired', 'HolderSignatureInvalid', 'RecoveryNotReady', 'KeySignatureInvalid']) assert.ok(names.has(name), `${name} is not in the ABI`);
  });

  it('decodes the relayed-message errors to the same classes as the identity registry', () => {
    const expired = decodeHolderRegistryError(revertOf('HolderSignatureExpired', [7n]));
    assert.ok(expired instanceof exported.HolderSignatureExpiredError);
    assert.equal(expired.shortMessage, "The holder's signed message expired at 7 (unix seconds); ask the holder to sign a new one.");
    const invalid = decodeHolderRegistryError(revertOf('HolderSignatureInvalid', ['0x00000000000000000000000000000000000000A1']));
    assert.ok(invalid instanceof exported.HolderSignatureInvalidError);
  });
});
