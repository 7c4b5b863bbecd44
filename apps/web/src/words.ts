/** Plain language for what the chain says: dates in words, levels as a person would say them. */
export const formatDate = (unixSeconds: number) =>
  new Date(unixSeconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

// The chain stores "no expiry" as the largest uint32 (7 February 2106).
export const describeValidity = (validUntil: number) => (validUntil === 0 || validUntil >= 2 ** 32 - 1 ? 'No expiry date' : `Valid until ${formatDate(validUntil)}`);

export const LEVEL_WORDS: Record<string, string> = {
  GovernmentCertified: 'certified by a government',
  Accredited: 'from an accredited issuer',
  Uncertified: 'not certified',
};

export const KIND_WORDS: Record<string, string> = {
  Person: 'a registered person',
  Organization: 'a registered organization',
  Issuer: 'a registered issuer',
  Government: 'a government',
  Admin: 'a registry administrator',
};

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
