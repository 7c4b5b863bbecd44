import { openCredential, type CredentialEnvelope, type IdentreeCredential } from '@identree/sdk';
import type { Context } from '../cli/context.js';

export type WalletEntry = { id: number; uid: string; issuer: string; deliveredAt: string; credential?: IdentreeCredential; unreadable?: string };

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
      return { ...base, credential: openCredential({ envelope: d.envelope as CredentialEnvelope, ciphertext: d.ciphertext, privateKey }).credential };
    } catch (error) {
      return { ...base, unreadable: (error as Error).message };
    }
  });
}

/** A credential by uid, by delivery id, or by type name (the newest of that type). */
export function pick(entries: WalletEntry[], ref: string): IdentreeCredential | undefined {
  const lower = ref.toLowerCase();
  return entries.find((e) => e.uid.toLowerCase() === lower || String(e.id) === ref)?.credential
    ?? entries.find((e) => e.credential?.type[1]?.toLowerCase() === lower)?.credential;
}
