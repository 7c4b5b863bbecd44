import { getAddress, isAddress, isHex, type Address, type Hex } from 'viem';
import { CredentialType, EntityKind } from '@identree/sdk';
import { usageError } from './CliError.js';

/** Argument parsers for commander: each names the bad value and how to write it. */
export const address = (value: string, what = 'address'): Address => {
  if (!isAddress(value, { strict: false })) throw usageError(`"${value}" is not an ${what}`, 'an address is 0x followed by 40 hex digits');
  return getAddress(value);
};

export const bytes32 = (value: string, what = 'uid'): Hex => {
  if (!isHex(value) || value.length !== 66) throw usageError(`"${value}" is not a ${what}`, 'a uid is 0x followed by 64 hex digits');
  return value.toLowerCase() as Hex;
};

export const entityKind = (value: string): keyof typeof EntityKind => {
  const kind = Object.keys(EntityKind).find((k) => k.toLowerCase() === value.toLowerCase() && k !== 'None');
  if (!kind) throw usageError(`"${value}" is not an entity kind`, `one of: ${Object.keys(EntityKind).filter((k) => k !== 'None').join(', ')}`);
  return kind as keyof typeof EntityKind;
};

/** A credential type by name (BirthCertificate, …) or by its on-chain id (types defined later have only an id). */
export const credentialTypeId = (value: string): number => {
  const byName = Object.entries(CredentialType).find(([k]) => k.toLowerCase() === value.toLowerCase());
  if (byName) return byName[1];
  const id = Number(value);
  if (Number.isInteger(id) && id >= 1 && id <= 255) return id;
  throw usageError(`"${value}" is not a credential type`, `a name (${Object.keys(CredentialType).join(', ')}) or a type id from 1 to 255`);
};

export const positiveInteger = (what: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`${what} must be a positive whole number, not "${value}"`);
  return n;
};

/** A duration like 30m, 12h, 7d or plain seconds, in seconds. */
export const duration = (value: string): number => {
  const m = /^(\d+)(s|m|h|d)?$/.exec(value.trim());
  if (!m) throw usageError(`"${value}" is not a duration`, 'write it as 90s, 30m, 12h or 7d');
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's') as 's']!;
};
