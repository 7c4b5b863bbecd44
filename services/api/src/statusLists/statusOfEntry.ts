import type { StatusEntryStanding } from '@identree/store';

/** The IETF Token Status List values (draft-ietf-oauth-status-list §7.1). */
export const TokenStatus = { valid: 0, invalid: 1, suspended: 2 } as const;

/**
 * What the lists say of one credential, mirroring the refusals of `verifyPresentation`: revoked
 * for good when the credential is revoked, its anchor is no longer on chain (a reorg dropped it),
 * or its holder or issuer entity is revoked; suspended while its holder or issuer is suspended,
 * which a reinstatement undoes.
 */
export function statusOfEntry(entry: StatusEntryStanding): { revoked: boolean; suspended: boolean; token: number } {
  const revoked = !entry.anchored || entry.revoked || entry.holderStatus === 'Revoked' || entry.issuerStatus === 'Revoked';
  const suspended = !revoked && (entry.holderStatus === 'Suspended' || entry.issuerStatus === 'Suspended');
  return { revoked, suspended, token: revoked ? TokenStatus.invalid : suspended ? TokenStatus.suspended : TokenStatus.valid };
}
