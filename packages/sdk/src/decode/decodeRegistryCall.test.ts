import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFunctionData, getAddress, keccak256, stringToHex, toFunctionSelector, zeroAddress, zeroHash, type Hex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { decodeRegistryCall } from './decodeRegistryCall.js';
import { UnknownRegistryCallError } from '../errors/registryCall.js';
import { IdentreeError } from '../errors/base.js';
import { prepareRegisterEntity } from '../prepare/prepareRegisterEntity.js';
import { prepareSuspendEntity } from '../prepare/prepareSuspendEntity.js';
import { prepareReinstateEntity } from '../prepare/prepareReinstateEntity.js';
import { prepareRevokeEntity } from '../prepare/prepareRevokeEntity.js';
import { prepareAccreditIssuer } from '../prepare/prepareAccreditIssuer.js';
import { prepareRevokeAccreditation } from '../prepare/prepareRevokeAccreditation.js';
import { prepareDefineCredentialType } from '../prepare/prepareDefineCredentialType.js';
import { prepareAnchorCredential } from '../prepare/prepareAnchorCredential.js';
import { prepareAnchorBirthCertificate } from '../prepare/prepareAnchorBirthCertificate.js';
import { prepareRevokeCredential } from '../prepare/prepareRevokeCredential.js';
import { prepareAddAchievement } from '../prepare/prepareAddAchievement.js';
import { prepareRequestCredentialTransfer } from '../prepare/prepareRequestCredentialTransfer.js';
import { prepareApproveCredentialTransfer } from '../prepare/prepareApproveCredentialTransfer.js';
import { prepareTransferRoot } from '../prepare/prepareTransferRoot.js';
import { prepareAcceptRoot } from '../prepare/prepareAcceptRoot.js';
import { prepareRebindByRegistrar } from '../prepare/prepareRebindByRegistrar.js';
import { prepareRelayedHolderWrite } from '../prepare/prepareRelayedHolderWrite.js';
import { NO_EXPIRY } from '../utils/timestamp.js';

const registry = getAddress('0x00000000000000000000000000000000000000a1');
const holderRegistry = getAddress('0x00000000000000000000000000000000000000b2');
const alice = getAddress('0x00000000000000000000000000000000000a11ce');
const bob = getAddress('0x0000000000000000000000000000000000000b0b');
const uid = keccak256(stringToHex('uid'));
const commitment = keccak256(stringToHex('commitment'));
const signature: Hex = `0x${'12'.repeat(65)}`;

describe('decodeRegistryCall', () => {
  it('names the function and arguments of every prepared authority write', () => {
    const request = { subject: alice, credentialType: 3, validFrom: 0, validUntil: NO_EXPIRY, commitment, source: zeroHash };
    const cases: [{ to: string; data: Hex }, string, readonly unknown[] | undefined][] = [
      [prepareRegisterEntity({ registry, entity: alice, kind: 'Person' }), 'registerEntity', [alice, 4]],
      [prepareSuspendEntity({ registry, entity: alice }), 'suspendEntity', [alice]],
      [prepareReinstateEntity({ registry, entity: alice }), 'reinstateEntity', [alice]],
      [prepareRevokeEntity({ registry, entity: alice }), 'revokeEntity', [alice]],
      [prepareAccreditIssuer({ registry, issuer: bob, credentialType: 2 }), 'accreditIssuer', [bob, 2]],
      [prepareRevokeAccreditation({ registry, issuer: bob, credentialType: 2 }), 'revokeAccreditation', [bob, 2]],
      [
        prepareDefineCredentialType({ registry, name: 'Diploma', rules: { appendable: true, sourceType: 1 } }),
        'defineCredentialType',
        [stringToHex('Diploma', { size: 32 }), { transferable: false, governmentOnly: false, parentLinks: false, appendable: true, sourceType: 1 }],
      ],
      [prepareAnchorCredential({ registry, subject: alice, credentialType: 3, commitment }), 'anchorCredential', [request]],
      [
        prepareAnchorBirthCertificate({ registry, subject: alice, credentialType: 3, commitment, parents: { mother: bob } }),
        'anchorBirthCertificate',
        [request, zeroAddress, bob],
      ],
      [prepareRevokeCredential({ registry, commitment }), 'revokeCredential', [commitment]],
      [prepareAddAchievement({ registry, commitment, achievement: uid }), 'addAchievement', [commitment, uid]],
      [prepareRequestCredentialTransfer({ registry, uid, to: bob }), 'requestCredentialTransfer', [uid, bob]],
      [prepareApproveCredentialTransfer({ registry, commitment, to: bob }), 'approveCredentialTransfer', [commitment, bob]],
      [prepareTransferRoot({ registry, newRoot: bob }), 'transferRoot', [bob]],
      [prepareAcceptRoot({ registry }), 'acceptRoot', undefined],
    ];
    for (const [call, functionName, args] of cases) {
      assert.equal(call.to, registry);
      assert.deepEqual(decodeRegistryCall(call.data), { contract: 'registry', functionName, args }, functionName);
    }
  });

  it('finds holder-registry writes in the holder registry, relayed or not', () => {
    const rebind = prepareRebindByRegistrar({ holderRegistry, identity: alice, newKey: bob, evidence: uid });
    assert.equal(rebind.to, holderRegistry);
    assert.deepEqual(decodeRegistryCall(rebind.data), { contract: 'holderRegistry', functionName: 'rebindByRegistrar', args: [alice, bob, uid] });
    const grant = prepareRelayedHolderWrite({
      registry,
      holderRegistry,
      functionName: 'grantAccessBySig',
      args: [alice, bob, uid, 3600, `0x${'00'.repeat(26)}`, 99n, signature],
    });
    assert.deepEqual(decodeRegistryCall(grant.data), {
      contract: 'holderRegistry',
      functionName: 'grantAccessBySig',
      args: [alice, bob, uid, 3600, `0x${'00'.repeat(26)}`, 99n, signature],
    });
  });

  it('reads a view both contracts share as the one the caller names', () => {
    const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'nonces', args: [alice] });
    assert.equal(decodeRegistryCall(data).contract, 'registry');
    assert.equal(decodeRegistryCall(data, { contract: 'holderRegistry' }).contract, 'holderRegistry');
  });

  it('refuses a holder-registry call when told the transaction goes to the identity registry', () => {
    const { data } = prepareRebindByRegistrar({ holderRegistry, identity: alice, newKey: bob, evidence: uid });
    assert.throws(() => decodeRegistryCall(data, { contract: 'registry' }), (e: unknown) => {
      assert.ok(e instanceof UnknownRegistryCallError);
      assert.equal(e.shortMessage, `Calldata with selector ${data.slice(0, 10)} is no function of the identity registry.`);
      return true;
    });
  });

  it('throws UnknownRegistryCallError, an IdentreeError, for a selector neither contract has', () => {
    const data = encodeFunctionData({
      abi: [{ type: 'function', name: 'transfer', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' }],
      args: [bob, 1n],
    });
    assert.throws(() => decodeRegistryCall(data), (e: unknown) => {
      assert.ok(e instanceof UnknownRegistryCallError && e instanceof IdentreeError);
      assert.equal(e.call, toFunctionSelector('transfer(address,uint256)'));
      assert.equal(e.shortMessage, 'Calldata with selector 0xa9059cbb is no function of the identity registry or the holder registry.');
      return true;
    });
  });

  it('throws UnknownRegistryCallError for empty calldata and for arguments cut short', () => {
    assert.throws(() => decodeRegistryCall('0x'), (e: unknown) => e instanceof UnknownRegistryCallError && e.shortMessage === 'Calldata "0x" is no function of the identity registry or the holder registry.');
    const { data } = prepareRegisterEntity({ registry, entity: alice, kind: 'Person' });
    assert.throws(() => decodeRegistryCall(data.slice(0, 40) as Hex), UnknownRegistryCallError);
  });
});
