import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BaseError as ViemBaseError, ContractFunctionRevertedError, createPublicClient, http, type AbiParameter } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { revertOf as revertOfAbi, sampleArgument } from '../test/reverts.js';
import { decodeRegistryError } from './decodeRegistryError.js';
import { getRoot } from '../actions/getRoot.js';
import { IdentreeError } from './base.js';
import { EntityNotActiveError, EntityNotRegisteredError, RegistryRevertError, registryErrorClass } from './registry.js';
import * as registryErrors from './registry.js';

const revertOf = (errorName: string, args: readonly unknown[]) => revertOfAbi(identityRegistryAbi, errorName, args);
type AbiErrorItem = Extract<(typeof identityRegistryAbi)[number], { type: 'error' }>;
const abiErrors = identityRegistryAbi.filter((item): item is AbiErrorItem => item.type === 'error');
/**
 * OpenZeppelin errors the registry inherits but never raises: IERC721Errors, Nonces' checked-nonce
 * error (the registry only uses `_useNonce`) and ShortStrings' (the EIP-712 name and version are short constants).
 */
const foreignErrors = new Set([
  'ERC721IncorrectOwner',
  'ERC721InsufficientApproval',
  'ERC721InvalidApprover',
  'ERC721InvalidOperator',
  'ERC721InvalidReceiver',
  'ERC721InvalidSender',
  'InvalidAccountNonce',
  'InvalidShortString',
  'StringTooLong',
]);

describe('decodeRegistryError', () => {
  it('has a typed, exported class for every error the registry raises', () => {
    const exported = registryErrors as unknown as Record<string, unknown>;
    const own = abiErrors.filter((e) => !foreignErrors.has(e.name));
    assert.ok(own.length >= 30, `only ${own.length} registry errors in the ABI`);
    for (const { name, inputs } of own) {
      const Class = registryErrorClass(name);
      assert.ok(Class, `no class for ${name}`);
      assert.equal(exported[`${name}Error`], Class, `${name}Error is not exported`);
      const args = (inputs as readonly AbiParameter[]).map(sampleArgument);
      const decoded = decodeRegistryError(revertOf(name, args));
      assert.ok(decoded instanceof Class, name);
      assert.ok(decoded instanceof RegistryRevertError);
      assert.ok(decoded instanceof IdentreeError);
      assert.equal(decoded.name, `${name}Error`);
      assert.equal(decoded.errorName, name);
      assert.deepEqual(decoded.args, args);
      assert.doesNotMatch(decoded.shortMessage, /undefined|reverted with/, name);
    }
  });

  it('keeps the viem error as the cause', () => {
    const original = revertOf('EntityNotRegistered', ['0x00000000000000000000000000000000000000A1']);
    const decoded = decodeRegistryError(original);
    assert.ok(decoded instanceof EntityNotRegisteredError);
    assert.equal(decoded.cause, original);
  });

  it('names enum arguments in the message', () => {
    const decoded = decodeRegistryError(revertOf('EntityNotActive', ['0x00000000000000000000000000000000000000A1', 3]));
    assert.ok(decoded instanceof EntityNotActiveError);
    assert.equal(decoded.shortMessage, '0x00000000000000000000000000000000000000A1 is Revoked, not active.');
  });

  it('decodes errors in the ABI that the SDK has no class for as a generic RegistryRevertError', () => {
    for (const name of foreignErrors) {
      const { inputs } = abiErrors.find((e) => e.name === name)!;
      const decoded = decodeRegistryError(revertOf(name, (inputs as readonly AbiParameter[]).map(sampleArgument)));
      assert.ok(decoded instanceof RegistryRevertError, name);
      assert.equal(decoded.constructor, RegistryRevertError);
      assert.equal(decoded.errorName, name);
      assert.equal(decoded.shortMessage, `The registry reverted with ${name}.`);
    }
  });

  it('passes SDK errors through untouched', () => {
    const error = new IdentreeError('already typed');
    assert.equal(decodeRegistryError(error), error);
  });

  it('turns a revert without data into a plain IdentreeError', () => {
    const revert = new ContractFunctionRevertedError({ abi: identityRegistryAbi, data: '0x', functionName: 'someFunction' });
    const decoded = decodeRegistryError(revert);
    assert.ok(decoded instanceof IdentreeError);
    assert.ok(!(decoded instanceof RegistryRevertError));
    assert.equal(decoded.cause, revert);
  });

  it('turns other viem errors into an IdentreeError with their short message and details', () => {
    const viemError = new ViemBaseError('Something broke.', { details: 'socket hang up' });
    const decoded = decodeRegistryError(viemError);
    assert.ok(decoded instanceof IdentreeError);
    assert.ok(!(decoded instanceof RegistryRevertError));
    assert.equal(decoded.shortMessage, 'Something broke.');
    assert.equal(decoded.details, 'socket hang up');
    assert.equal(decoded.cause, viemError);
  });

  it('wraps thrown non-errors in an IdentreeError', () => {
    const decoded = decodeRegistryError('boom');
    assert.ok(decoded instanceof IdentreeError);
    assert.equal(decoded.shortMessage, 'boom');
  });

  it('returns other Error objects as they are', () => {
    const error = new TypeError('a bug, not a revert');
    assert.equal(decodeRegistryError(error), error);
  });

  describe('on a chain', () => {
    let f: RegistryFixture;
    before(async () => (f = await registryFixture()));
    after(() => f.stop());

    it('decodes a revert from a plain viem read', async () => {
      const stranger = f.as(7).address;
      const error = await f.as(0)
        .readContract({ address: f.registry, abi: identityRegistryAbi, functionName: 'identityTokenOf', args: [stranger] })
        .then(() => assert.fail('identityTokenOf should revert for an unregistered account'), (e: unknown) => e);
      const decoded = decodeRegistryError(error);
      assert.ok(decoded instanceof EntityNotRegisteredError);
      assert.deepEqual(decoded.args, [stranger]);
    });

    it('turns a call to an address without code into a non-registry IdentreeError', async () => {
      const error = await f.as(0)
        .readContract({ address: f.as(8).address, abi: identityRegistryAbi, functionName: 'root' })
        .then(() => assert.fail('reading from an account without code should fail'), (e: unknown) => e);
      const decoded = decodeRegistryError(error);
      assert.ok(decoded instanceof IdentreeError);
      assert.ok(!(decoded instanceof RegistryRevertError));
      assert.equal(decoded.cause, error);
    });

    it('turns a transport failure inside an action into an IdentreeError', async () => {
      const offline = createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
      await assert.rejects(getRoot(offline, { registry: f.registry }), (e: unknown) => {
        assert.ok(e instanceof IdentreeError);
        assert.ok(!(e instanceof RegistryRevertError));
        assert.ok(e.cause instanceof ViemBaseError);
        return true;
      });
    });
  });
});
