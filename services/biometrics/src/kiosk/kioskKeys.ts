import { getAddress, type Address } from 'viem';

/** A holder's template key wrapped to the kiosk, kept only while the holder's grant lasts. */
export type KioskKey = { identity: Address; recipient: Address; wrappedKey: string; expiresAt: number };

export type KioskKeyStore = {
  put(key: KioskKey): Promise<void>;
  /** The key while `now` is before its expiry; an expired key is destroyed on the way. */
  get(identity: Address, now: number): Promise<KioskKey | null>;
  delete(identity: Address): Promise<void>;
};

/**
 * Kiosk keys in memory only: a restart destroys every one, which is what a short-lived grant wants; the
 * holder grants again at the kiosk.
 */
export function memoryKioskKeys(): KioskKeyStore {
  const byIdentity = new Map<Address, KioskKey>();
  return {
    async put(key) {
      byIdentity.set(getAddress(key.identity), { ...key });
    },
    async get(identity, now) {
      const key = byIdentity.get(getAddress(identity)) ?? null;
      if (key && key.expiresAt <= now) {
        byIdentity.delete(getAddress(identity));
        return null;
      }
      return key && { ...key };
    },
    async delete(identity) {
      byIdentity.delete(getAddress(identity));
    },
  };
}
