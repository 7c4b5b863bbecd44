import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Wallet } from '@ethereumjs/wallet';
import { getAddress, hexToBytes, isHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { keystoreDir } from '../config/paths.js';
import { writeJsonFile } from '../config/jsonFile.js';
import { askPassphrase } from './passphrase.js';

/**
 * Keys live only in Web3 Secret Storage (v3) files: scrypt plus AES-128-CTR, the format geth, Clef
 * and wallets read, one file per key named `<name>.json`. A private key is never written in clear.
 * The standard scrypt cost (n = 2^18) takes about a second to open; `--light-kdf` (geth's n = 4096)
 * is for throwaway test keys.
 */
export type StoredKey = { name: string; address: Address; file: string };
type V3 = { address: string; crypto?: unknown; Crypto?: unknown; version: number };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const STANDARD_SCRYPT_N = 262_144;
export const LIGHT_SCRYPT_N = 4_096;

export function listKeys(): StoredKey[] {
  const dir = keystoreDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      try {
        const v3 = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as V3;
        return [{ name: f.slice(0, -5), address: getAddress(`0x${v3.address.replace(/^0x/, '')}`), file: path.join(dir, f) }];
      } catch {
        return []; // not a keystore file: ignored, as geth ignores foreign files in its keystore
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A key by name or address; the error lists what exists. */
export function findKey(nameOrAddress: string | undefined): StoredKey {
  const keys = listKeys();
  if (!nameOrAddress) {
    if (keys.length === 1) return keys[0]!;
    throw new CliError('no_key_selected', keys.length ? 'several keys exist; say which one' : 'there is no key yet', ExitCode.keystore,
      keys.length ? `pass --key <name> (one of: ${keys.map((k) => k.name).join(', ')})` : 'create one with `identree key create <name>`');
  }
  const key = keys.find((k) => k.name === nameOrAddress || k.address.toLowerCase() === nameOrAddress.toLowerCase());
  if (!key) {
    throw new CliError('unknown_key', `no key named "${nameOrAddress}" in ${keystoreDir()}`, ExitCode.keystore,
      keys.length ? `known keys: ${keys.map((k) => k.name).join(', ')}` : 'create one with `identree key create <name>`');
  }
  return key;
}

export async function saveKey(name: string, privateKey: Hex, options: { lightKdf?: boolean } = {}): Promise<StoredKey> {
  if (!NAME.test(name)) throw new CliError('invalid_key_name', `"${name}" is not a key name`, ExitCode.usage, 'use letters, digits, ".", "_" or "-" (up to 64)');
  if (listKeys().some((k) => k.name === name)) throw new CliError('key_exists', `a key named "${name}" already exists`, ExitCode.keystore, 'choose another name');
  if (!isHex(privateKey) || privateKey.length !== 66) throw new CliError('invalid_private_key', 'a private key is 32 bytes in hex (0x + 64 digits)', ExitCode.usage);
  const passphrase = await askPassphrase(`encrypt key "${name}"`, { confirm: true });
  const wallet = Wallet.fromPrivateKey(hexToBytes(privateKey));
  const v3 = await wallet.toV3(passphrase, { kdf: 'scrypt', n: options.lightKdf || process.env.IDENTREE_LIGHT_KDF === '1' ? LIGHT_SCRYPT_N : STANDARD_SCRYPT_N });
  const file = path.join(keystoreDir(), `${name}.json`);
  writeJsonFile(file, v3);
  return { name, address: getAddress(wallet.getAddressString()), file };
}

/** Imports a keystore file a wallet or geth wrote, as it is (it stays encrypted under its passphrase). */
export async function importKeystoreFile(name: string, source: string): Promise<StoredKey> {
  if (!NAME.test(name)) throw new CliError('invalid_key_name', `"${name}" is not a key name`, ExitCode.usage);
  if (listKeys().some((k) => k.name === name)) throw new CliError('key_exists', `a key named "${name}" already exists`, ExitCode.keystore);
  let v3: V3;
  try {
    v3 = JSON.parse(readFileSync(source, 'utf8')) as V3;
  } catch (error) {
    throw new CliError('invalid_keystore_file', `${source} is not a readable keystore file: ${(error as Error).message}`, ExitCode.usage);
  }
  const passphrase = await askPassphrase(`open ${path.basename(source)}`);
  await open(v3, passphrase, source); // proves the file and the passphrase before keeping it
  const file = path.join(keystoreDir(), `${name}.json`);
  writeJsonFile(file, v3);
  return { name, address: getAddress(`0x${v3.address.replace(/^0x/, '')}`), file };
}

export type UnlockedKey = { account: PrivateKeyAccount; privateKey: Hex };
const unlocked = new Map<string, UnlockedKey>();

/**
 * Opens a key, asking for its passphrase once per process. The private key stays in this process's
 * memory: it signs, and it opens credentials sealed to it (ECIES), and is never written anywhere.
 */
export async function unlockKey(key: StoredKey): Promise<UnlockedKey> {
  const cached = unlocked.get(key.file);
  if (cached) return cached;
  const v3 = JSON.parse(readFileSync(key.file, 'utf8')) as V3;
  const wallet = await open(v3, await askPassphrase(`unlock key "${key.name}" (${key.address})`), key.file);
  const privateKey = wallet.getPrivateKeyString() as Hex;
  const opened = { account: privateKeyToAccount(privateKey), privateKey };
  unlocked.set(key.file, opened);
  return opened;
}

async function open(v3: V3, passphrase: string, file: string): Promise<Wallet> {
  try {
    return await Wallet.fromV3(v3 as never, passphrase, true);
  } catch (error) {
    const wrong = /password|passphrase|derivation|mac/i.test((error as Error).message);
    throw new CliError(wrong ? 'wrong_passphrase' : 'invalid_keystore_file',
      wrong ? `wrong passphrase for ${path.basename(file)}` : `${file} cannot be opened: ${(error as Error).message}`, ExitCode.keystore);
  }
}
