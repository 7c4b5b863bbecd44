import { openCredential, type CredentialEnvelope, type IdentreeCredential } from '@identree/sdk';
import type { Context } from '../cli/context.js';

export type WalletEntry = {
  id: number; uid: string; issuer: string; deliveredAt: string;
  credential?: IdentreeCredential;
  /** The issuer-signed vc+jwt form, when the issuer sent one. */
  jwt?: string;
  unreadable?: string;
};

/**
 * The holder's credentials: fetched sealed from the service and opened here with the holder's key.
 * One the key cannot open (sealed to a key since rotated away) is listed, marked, not dropped.
 */
export async function openWallet(ctx: Context): Promise<WalletEntry[]> {
  const { connection } = await ctx.authenticated();
  const privateKey = await ctx.privateKey();
  const { credentials } = await connection.expect(connection.api().GET('/me/credentials'));
  return credentials.map((d) => {
    const base = { id: d.id, uid: d.uid, issuer: d.issuer, deliveredAt: d.deliveredAt };
    try {
      const { credential, jwt } = openCredential({ envelope: d.envelope as CredentialEnvelope, ciphertext: d.ciphertext, privateKey });
      return { ...base, credential, ...(jwt ? { jwt } : {}) };
    } catch (error) {
      return { ...base, unreadable: (error as Error).message };
    }
  });
}

/** A wallet entry by uid, by delivery id, or by type name (the newest of that type). */
export function pickEntry(entries: WalletEntry[], ref: string): WalletEntry | undefined {
  const lower = ref.toLowerCase();
  return entries.find((e) => e.credential && (e.uid.toLowerCase() === lower || String(e.id) === ref))
    ?? entries.find((e) => e.credential?.type[1]?.toLowerCase() === lower);
}

/** A credential by uid, by delivery id, or by type name (the newest of that type). */
export function pick(entries: WalletEntry[], ref: string): IdentreeCredential | undefined {
  return pickEntry(entries, ref)?.credential;
}
