import type { Address, Hash } from 'viem';
import type { Eip712SecuredCredential } from '@identree/sdk';
import { issueCredential } from './issuance.js';
import type { Session } from './session.js';
import { fetchHeldCredentials } from './wallet.js';

export type RowOutcome = { line: number; holder: string; ok: true; delivered: boolean; uid: Hash; document: unknown; jwt?: string; eip712?: Eip712SecuredCredential } | { line: number; holder: string; ok: false; error: string };

const isAddress = (a: string) => /^0x[0-9a-fA-F]{40}$/.test(a);

/**
 * Issues one credential per CSV row, one after another (each is a transaction the issuer's key
 * signs in this page), reporting after each. A row that fails is reported with its reason and the
 * rest go on. A curriculum row names its birth certificate in `source`, or the holder's first valid
 * one is used.
 */
export async function issueRows(
  session: Session,
  p: { type: string; rows: { line: number; values: Record<string, string> }[]; onProgress: (outcome: RowOutcome) => void; signal?: AbortSignal },
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  for (const { line, values } of p.rows) {
    if (p.signal?.aborted) break;
    const { holder = '', source = '', ...attributes } = values;
    let outcome: RowOutcome;
    try {
      if (!isAddress(holder)) throw new Error('the holder column must be an address (0x followed by 40 hexadecimal characters)');
      const filled = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== ''));
      const based = p.type === 'ScholarCurriculum' ? (source || (await birthCertificateOf(holder as Address))) : undefined;
      const result = await issueCredential(session, { type: p.type, subject: holder as Address, attributes: filled, source: based as Hash | undefined });
      outcome = { line, holder, ok: true, delivered: result.delivered, uid: result.uid, document: result.document, jwt: result.jwt, eip712: result.eip712 };
    } catch (error) {
      outcome = { line, holder, ok: false, error: (error as Error).message };
    }
    outcomes.push(outcome);
    p.onProgress(outcome);
  }
  return outcomes;
}

async function birthCertificateOf(holder: Address): Promise<Hash> {
  const { credentials } = await fetchHeldCredentials(holder);
  const birth = credentials.find((c) => c.type === 'BirthCertificate' && c.valid);
  if (!birth) throw new Error('the holder has no valid birth certificate to base a curriculum on; put its id in a source column, or have a government issue one first');
  return birth.uid;
}
