// Gas of every authority action (issue 23 §1 asks for them before and after caller resolution), on the
// walk-through's chain and cast, after the consent and recovery figures: suspend, reinstate and revoke an
// entity; define a credential type; anchor, transfer and revoke a car title; revoke an accreditation;
// hand root over; rebind a holder's key. Calls go straight to the contracts, as in holderGas.ts.
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { CredentialType, signAuthorityCall } from '@identree/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { encodeFunctionData, keccak256, stringToHex, type Address, type Hash, type Hex } from 'viem';
import type { Walkthrough } from './walkthrough.js';
import { cast, type CastName } from './cast.js';

export type AuthorityGas = Record<
  | 'suspendEntity' | 'reinstateEntity' | 'revokeEntity' | 'defineCredentialType' | 'anchorCarTitle'
  | 'requestCredentialTransfer' | 'approveCredentialTransfer' | 'revokeCredential' | 'revokeAccreditation'
  | 'transferRoot' | 'acceptRoot' | 'rebindByRegistrar' | 'reportCompromise' | 'registerEntityRelayed',
  number
>;

export async function measureAuthorityGas(w: Walkthrough): Promise<AuthorityGas> {
  const { chain, addresses } = w;
  const wallet = (name: CastName) => chain.wallet(cast[name].account);
  const reader = wallet('Government');
  const holders = (await reader.readContract({ address: w.registry, abi: identityRegistryAbi, functionName: 'holderRegistry' })) as Address;
  const send = async (name: CastName, functionName: string, args: readonly unknown[], to: Address = w.registry): Promise<number> => {
    const abi = to === w.registry ? identityRegistryAbi : holderRegistryAbi;
    const hash: Hash = await wallet(name).writeContract({ address: to, abi, functionName, args } as never);
    const receipt = await reader.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return Number(receipt.gasUsed);
  };
  const fresh = () => privateKeyToAccount(generatePrivateKey()).address;

  const suspendEntity = await send('Government', 'suspendEntity', [addresses.User3]);
  const reinstateEntity = await send('Government', 'reinstateEntity', [addresses.User3]);
  const outcast = fresh();
  await send('Government', 'registerEntity', [outcast, 3]);
  const revokeEntity = await send('Government', 'revokeEntity', [outcast]);
  const defineCredentialType = await send('Government', 'defineCredentialType', [
    keccak256(stringToHex('LandDeed')), { transferable: true, governmentOnly: true, parentLinks: false, appendable: false, sourceType: 0 },
  ]);

  const commitment: Hex = keccak256(stringToHex('car title VIN 3VW2B7AJ5HM123456'));
  const now = Number((await reader.getBlock()).timestamp);
  const anchorCarTitle = await send('Government', 'anchorCredential', [{
    subject: addresses.User1, credentialType: CredentialType.CarTitle, validFrom: now, validUntil: now + 10 * 365 * 86400, commitment, source: `0x${'00'.repeat(32)}`,
  }]);
  // User1's key moved in the recovery figures; the recovered key is not in the cast, so User3 sells instead.
  const title2: Hex = keccak256(stringToHex('car title VIN 1HGCM82633A004352'));
  await send('Government', 'anchorCredential', [{
    subject: addresses.User3, credentialType: CredentialType.CarTitle, validFrom: now, validUntil: now + 10 * 365 * 86400, commitment: title2, source: `0x${'00'.repeat(32)}`,
  }]);
  const uid2 = (await reader.readContract({ address: w.registry, abi: identityRegistryAbi, functionName: 'credentialId', args: [addresses.Government, title2] })) as Hash;
  const requestCredentialTransfer = await send('User3', 'requestCredentialTransfer', [uid2, addresses.User2]);
  const approveCredentialTransfer = await send('Government', 'approveCredentialTransfer', [title2, addresses.User2]);
  const revokeCredential = await send('Government', 'revokeCredential', [commitment]);

  // Issue 23 §2: a registrar dates the compromise of an authority it has just suspended.
  const stolen = fresh();
  await send('Government', 'registerEntity', [stolen, 3]);
  await send('Government', 'suspendEntity', [stolen]);
  const reportCompromise = await send('Government', 'reportCompromise', [stolen, now - 3_600], holders);

  // Issue 17: the government signs its registry call and another account relays it, paying the gas.
  const government = wallet('Government');
  const data = encodeFunctionData({ abi: identityRegistryAbi, functionName: 'registerEntity', args: [fresh(), 4] });
  const signed = await signAuthorityCall(government as never, { holderRegistry: holders, call: { to: w.registry, data }, deadline: BigInt(now + 3_600) });
  const registerEntityRelayed = await send('Government2', 'relayAuthorityCall', [signed.signer, signed.data, signed.deadline, signed.signature], holders);

  const revokeAccreditation = await send('Government2', 'revokeAccreditation', [addresses.University1, CredentialType.ScholarCurriculum]);
  const rebindByRegistrar = await send('Government', 'rebindByRegistrar', [addresses.User2, fresh(), keccak256(stringToHex('case 2026-0042'))], holders);
  const transferRoot = await send('Government', 'transferRoot', [addresses.Government2]);
  const acceptRoot = await send('Government2', 'acceptRoot', []);
  return {
    suspendEntity, reinstateEntity, revokeEntity, defineCredentialType, anchorCarTitle, requestCredentialTransfer,
    approveCredentialTransfer, revokeCredential, revokeAccreditation, transferRoot, acceptRoot, rebindByRegistrar,
    reportCompromise, registerEntityRelayed,
  };
}
