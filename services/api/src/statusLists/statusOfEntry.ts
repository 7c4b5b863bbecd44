import type { StatusEntryStanding } from '@identree/store';

/** The IETF Token Status List values (draft-ietf-oauth-status-list §7.1). */
export const TokenStatus = { valid: 0, invalid: 1, suspended: 2 } as const;

/** How a credential fares against its issuer's compromise report (the SDK's `judgeAgainstCompromise`). */
export type CompromiseJudgement = 'void' | 'kept' | 'standing';

/**
 * What the lists say of one credential, mirroring the refusals of `verifyPresentation`: revoked
 * for good when the credential is revoked, its anchor is no longer on chain (a reorg dropped it),
 * its holder or issuer entity is revoked, or it was anchored inside its issuer's reported compromise;
 * suspended while its holder or issuer is suspended, which a reinstatement undoes. A credential anchored
 * before its issuer's compromise is not reached by the cut-off that went with the report (`kept`).
 */
export function statusOfEntry(entry: StatusEntryStanding, compromise: CompromiseJudgement = 'standing'): { revoked: boolean; suspended: boolean; token: number } {
  const issuerCounts = compromise === 'standing';
  const revoked = !entry.anchored || entry.revoked || compromise === 'void' || entry.holderStatus === 'Revoked' || (issuerCounts && entry.issuerStatus === 'Revoked');
  const suspended = !revoked && (entry.holderStatus === 'Suspended' || (issuerCounts && entry.issuerStatus === 'Suspended'));
  return { revoked, suspended, token: revoked ? TokenStatus.invalid : suspended ? TokenStatus.suspended : TokenStatus.valid };
}
