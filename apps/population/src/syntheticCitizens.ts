import { commitAttributes, type CredentialBatchEntry, type IdentityBatchEntry } from '@identree/sdk';
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from 'viem';

export type SyntheticCitizens = {
  identities: IdentityBatchEntry[];
  births: CredentialBatchEntry[];
};

/**
 * A synthetic citizen's account: a recognisable prefix and the citizen's number. Nobody holds its
 * key, which is fine: claims are relayed, so the account never signs.
 */
export const citizenAccount = (citizen: number): Address => `0xce${citizen.toString(16).padStart(38, '0')}`;

/**
 * Citizens `[start, start + count)`. The first `realCommitments` of the population get a real
 * salted attribute commitment (`commitAttributes`); the others get keccak256(salt ‖ number), which
 * costs the chain exactly the same 32 bytes but skips building one attribute tree per citizen.
 */
export function syntheticCitizens({ start, count, salt, realCommitments }: { start: number; count: number; salt: Hex; realCommitments: number }): SyntheticCitizens {
  const identities: IdentityBatchEntry[] = new Array(count);
  const births: CredentialBatchEntry[] = new Array(count);
  const preimage = new Uint8Array(40);
  preimage.set(hexToBytes(salt).subarray(0, 32), 0);
  const view = new DataView(preimage.buffer);
  for (let i = 0; i < count; i++) {
    const citizen = start + i;
    const account = citizenAccount(citizen);
    identities[i] = { account, kind: 'Person' };
    let commitment: Hex;
    if (citizen < realCommitments) {
      commitment = commitAttributes({
        givenName: `Citizen ${citizen}`,
        fatherLastName: 'Sintético',
        motherLastName: 'Prueba',
        birthDate: '2000-01-01',
        sex: 'X',
        municipality: 'Benito Juárez',
        state: 'Ciudad de México',
        country: 'MX',
      }).commitment;
    } else {
      view.setBigUint64(32, BigInt(citizen));
      commitment = keccak256(preimage);
    }
    births[i] = { subject: account, commitment };
  }
  return { identities, births };
}

/** 32 random bytes as hex, for the stand-in commitments of one run. */
export const randomSalt = (): Hex => bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
