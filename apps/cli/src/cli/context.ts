import type { Address, Hex, LocalAccount } from 'viem';
import { resolveProfile, type Profile } from '../config/profiles.js';
import { findKey, unlockKey, type StoredKey } from '../keys/keystore.js';
import { Connection } from '../service/connection.js';
import { cachedSession, signIn } from '../service/session.js';
import { Output } from './output.js';
import { address } from './arguments.js';

export type GlobalOptions = { service?: string; rpc?: string; profile?: string; key?: string; identity?: string; json?: boolean; debug?: boolean; sponsored?: boolean };

/**
 * What every command needs, built from the global options: where to print, which service, and the
 * selected key, unlocked and signed in only when a command asks for it.
 */
export class Context {
  readonly out: Output;
  readonly profile: Profile & { name: string };
  readonly connection: Connection;
  private account?: LocalAccount;

  constructor(readonly options: GlobalOptions) {
    this.out = new Output(Boolean(options.json));
    this.profile = resolveProfile(options);
    this.connection = new Connection(this.profile.service);
    this.connection.sponsored = Boolean(options.sponsored) || process.env.IDENTREE_SPONSORED === '1';
  }

  storedKey(nameOrAddress = this.profile.key): StoredKey {
    return findKey(nameOrAddress);
  }

  /** The selected key, opened (asks for its passphrase once). */
  async signer(): Promise<LocalAccount> {
    this.account ??= (await unlockKey(this.storedKey())).account;
    return this.account;
  }

  /** The selected key's private key, to open credentials sealed to it; it stays in memory. */
  async privateKey(): Promise<Hex> {
    return (await unlockKey(this.storedKey())).privateKey;
  }

  /** The selected key's address, without opening it. */
  address(): Address {
    return this.storedKey().address;
  }

  /**
   * The identity the key acts for: the key's own address until the identity first changes key
   * (`key rotate`, a recovery, a rebind); after that, --identity names it.
   */
  identity(): Address {
    return this.options.identity ? address(this.options.identity, 'identity address') : this.address();
  }

  /** The selected key, signed in to the service (a cached token, else a fresh SIWE sign-in). */
  async authenticated(): Promise<{ account: LocalAccount; connection: Connection }> {
    const account = await this.signer();
    if (!this.connection.token) {
      const session = cachedSession(this.profile.service, account.address) ?? (await signIn(this.connection, account));
      this.connection.setSession(session, () => signIn(this.connection, account));
    }
    return { account, connection: this.connection };
  }
}
