import type { FastifyInstance } from 'fastify';
import type { CredentialRecord } from '@identree/store';

/** The registry's own rule: anchored, not revoked, and inside its window now. */
export const isValidNow = (c: CredentialRecord, now = Date.now() / 1000) => !c.revoked && now >= c.validFrom && now < c.validUntil;

const names = new Map<number, string>();
/** Type names change only when the root defines a new type, so one read per type per process. */
export async function credentialTypeName(app: FastifyInstance, id: number): Promise<string> {
  let name = names.get(id);
  if (name === undefined) {
    name = await app.chain.reader.getCredentialTypeName({ credentialType: id });
    names.set(id, name);
  }
  return name;
}
