import type { Account, Address, Hash, Hex } from 'viem';
import { getChainId, signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { prepareEnrollTypedData, type EnrollMessage } from './enrollTypedData.js';

export type SignEnrollmentParameters = {
  enrollmentRegistry: Address;
  /** The enrollee's key (a local account, or an address the wallet client signs for). */
  account?: Account | Address;
  imageHash: Hash;
  fieldsRoot: Hash;
  fieldCount: number;
  /** Unix seconds. @default an hour from now */
  deadline?: bigint;
};
export type SignedEnrollment = EnrollMessage & { signature: Hex };

/**
 * The enrollee signs its document's commitment (EIP-712 `Enroll`), for a sponsor to record with
 * `enrollFromSignature`: the enrollee's key needs no ether. Nothing is sent.
 *
 * @example
 * const signed = await signEnrollment(enrolleeClient, { enrollmentRegistry, imageHash, fieldsRoot, fieldCount: 10 })
 * await enrollDocumentBySignature(sponsorClient, { enrollmentRegistry, ...signed })
 */
export async function signEnrollment(client: RegistryClient, { account = client.account, enrollmentRegistry, ...fields }: SignEnrollmentParameters): Promise<SignedEnrollment> {
  if (!account) throw new IdentreeError('Signing needs the enrollee account: pass `account` or use a wallet client with one.');
  const enrollee = typeof account === 'string' ? account : account.address;
  const typed = prepareEnrollTypedData({ chainId: await getChainId(client), enrollmentRegistry, enrollee, ...fields });
  const signature = await signTypedData(client, { account, ...typed });
  return { ...typed.message, signature };
}
