import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { isHex, type Address, type Hex } from 'viem';

/** A key as the browser stores it: the private key encrypted under a passphrase, never in clear. */
type StoredKey = { address: Address; label: string; salt: string; iv: string; ciphertext: string; iterations: number };

const STORAGE_KEY = 'identree.keys.v1';
// OWASP's 2023 figure for PBKDF2-HMAC-SHA256: slow enough to make guessing a passphrase expensive.
const ITERATIONS = 600_000;

const b64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A wrong passphrase, or a stored key that was tampered with (AES-GCM refuses both alike). */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('That passphrase does not open this key. Check it and try again.');
  }
}

async function wrappingKey(passphrase: string, salt: Uint8Array, iterations: number) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function readAll(): StoredKey[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The keys this browser holds (addresses and labels only). */
export function listKeys(): { address: Address; label: string }[] {
  return readAll().map(({ address, label }) => ({ address, label }));
}

/**
 * Encrypts `privateKey` (a new one when omitted) under `passphrase` with WebCrypto (PBKDF2 then
 * AES-256-GCM) and keeps it in this browser; the service never receives it.
 */
export async function saveKey({ passphrase, label, privateKey }: { passphrase: string; label: string; privateKey?: string }): Promise<Address> {
  if (passphrase.length < 8) throw new Error('Choose a passphrase of at least 8 characters.');
  const key = (privateKey?.trim() || generatePrivateKey()) as Hex;
  if (!isHex(key) || key.length !== 66) throw new Error('A private key is 0x followed by 64 hexadecimal characters.');
  const account = privateKeyToAccount(key);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await wrappingKey(passphrase, salt, ITERATIONS), new TextEncoder().encode(key));
  const others = readAll().filter((k) => k.address !== account.address);
  localStorage.setItem(STORAGE_KEY, JSON.stringify([...others, { address: account.address, label, salt: b64(salt), iv: b64(iv), ciphertext: b64(ciphertext), iterations: ITERATIONS }]));
  return account.address;
}

/** Opens a stored key for signing; it stays in this page's memory only. */
export async function unlockKey(address: Address, passphrase: string): Promise<Hex> {
  const stored = readAll().find((k) => k.address === address);
  if (!stored) throw new Error(`No key for ${address} in this browser. Import it first.`);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(stored.iv) }, await wrappingKey(passphrase, unb64(stored.salt), stored.iterations), unb64(stored.ciphertext));
    return new TextDecoder().decode(plain) as Hex;
  } catch {
    throw new WrongPassphraseError();
  }
}
