import { getAddress, isAddress, type Hash } from 'viem';
import type { ServiceAccessEntry } from '@identree/store';

export type VerdictJson = { valid?: boolean; holder?: string; audience?: string; reasons?: { code: string }[] };
export type BodyJson = { audience?: unknown; presentation?: { credentials?: { uid?: unknown; disclosures?: { name?: unknown }[] }[] } };

/**
 * The holder's log entry for one verdict of `POST /presentations/verify`: which credentials and
 * attribute names (never the values) were presented, to which audience, and whether the verdict was
 * valid, with its reason codes. Null when the verdict names no well-formed holder. A verdict can name
 * a holder whose signature did not verify (`signature_invalid`, `key_not_current`, …): it is logged
 * too, since someone presenting in the holder's name is what the holder most needs to see.
 */
export function presentationAccessOf(verdict: VerdictJson, parsed: BodyJson | null): ServiceAccessEntry | null {
  if (!verdict.holder || !isAddress(verdict.holder, { strict: false })) return null;
  const credentials = Array.isArray(parsed?.presentation?.credentials) ? parsed!.presentation!.credentials! : [];
  const uids = [...new Set(credentials.map((c) => c?.uid).filter((u): u is string => typeof u === 'string' && /^0x[0-9a-fA-F]{64}$/.test(u)).map((u) => u.toLowerCase()))] as Hash[];
  const names = [...new Set(credentials.flatMap((c) => (Array.isArray(c?.disclosures) ? c.disclosures : [])).map((d) => d?.name).filter((n): n is string => typeof n === 'string'))].slice(0, 64);
  const audience = typeof parsed?.audience === 'string' ? parsed.audience : (verdict.audience ?? '');
  return {
    holder: getAddress(verdict.holder),
    accessor: `audience:${audience}`,
    accessorName: null,
    channel: 'presentation_verify',
    uids,
    attributes: names,
    success: verdict.valid === true,
    detail: verdict.valid ? null : (verdict.reasons ?? []).map((r) => r.code).join(',') || null,
    releaseId: null,
  };
}

/** The entry once a verdict valid but for its nonce lost the nonce: the holder sees the replay refused. */
export const replayedAccess = (entry: ServiceAccessEntry | null, verdict: VerdictJson): ServiceAccessEntry | null =>
  entry && { ...entry, success: false, detail: (verdict.reasons ?? []).map((r) => r.code).join(',') || null };
