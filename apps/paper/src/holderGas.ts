// Gas of the consent and recovery operations (issue 5), measured on the walk-through's chain and cast:
// User1 grants User2 (as a verifier) access to its birth certificate, User2 logs an access, User1
// revokes; User1 names three guardians, two of them approve a recovery, and after the delay anyone
// finalizes it. Calls go straight to the contract so the figure is the contract's, nothing else's.
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { attributesDigest } from '@identree/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address, Hash } from 'viem';
import type { Walkthrough } from './walkthrough.js';
import { cast, type CastName } from './cast.js';

export type HolderGas = {
  grantAccess: number;
  /** A grant limited to named attributes: the same work plus 26 more non-zero calldata bytes. */
  grantAccessAttributes: number;
  revokeAccess: number;
  logAccess: number;
  addGuardian: number;
  addGuardianLater: number;
  recoveryApprove1: number;
  recoveryApprove2: number;
  recoveryFinalize: number;
  recoverIdentity: number;
};

const MONTH = 30 * 24 * 3600;

export async function measureHolderGas(w: Walkthrough): Promise<HolderGas> {
  const { chain, addresses } = w;
  const wallet = (name: CastName) => chain.wallet(cast[name].account);
  const reader = wallet('Government');
  const holders = (await reader.readContract({ address: w.registry, abi: identityRegistryAbi, functionName: 'holderRegistry' })) as Address;

  const send = async (name: CastName, functionName: string, args: readonly unknown[]): Promise<number> => {
    const hash: Hash = await wallet(name).writeContract({ address: holders, abi: holderRegistryAbi, functionName, args } as never);
    const receipt = await reader.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return Number(receipt.gasUsed);
  };

  const uid = w.credentials.bc1!;
  const grantAccess = await send('User1', 'grantAccess', [addresses.User2, uid, MONTH, `0x${'00'.repeat(26)}`]);
  const logAccess = await send('User2', 'logAccess', [addresses.User1, uid, `0x${'00'.repeat(26)}`, true]);
  const revokeAccess = await send('User1', 'revokeAccess', [addresses.User2, uid]);
  const grantAccessAttributes = await send('User1', 'grantAccess', [addresses.User3, uid, MONTH, attributesDigest(['ageOver18'])]);

  const addGuardian = await send('User1', 'addGuardian', [addresses.User2, 1]);
  const addGuardianLater = await send('User1', 'addGuardian', [addresses.User3, 2]);
  await send('User1', 'addGuardian', [addresses.University2, 2]);

  const newKey = privateKeyToAccount(generatePrivateKey()).address;
  const recoveryApprove1 = await send('User2', 'approveRecovery', [addresses.User1, newKey]);
  const recoveryApprove2 = await send('User3', 'approveRecovery', [addresses.User1, newKey]);
  const delay = (await reader.readContract({ address: holders, abi: holderRegistryAbi, functionName: 'recoveryDelay' })) as number;
  await chain.test.increaseTime({ seconds: delay });
  await chain.test.mine({ blocks: 1 });
  const recoveryFinalize = await send('University2', 'finalizeRecovery', [addresses.User1, newKey]);
  const key = await reader.readContract({ address: holders, abi: holderRegistryAbi, functionName: 'keyOf', args: [addresses.User1] });
  if (key !== newKey) throw new Error('recovery did not move control');

  return {
    grantAccess,
    grantAccessAttributes,
    revokeAccess,
    logAccess,
    addGuardian,
    addGuardianLater,
    recoveryApprove1,
    recoveryApprove2,
    recoveryFinalize,
    recoverIdentity: recoveryApprove1 + recoveryApprove2 + recoveryFinalize,
  };
}
