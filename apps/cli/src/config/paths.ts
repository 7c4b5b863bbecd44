import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where the CLI keeps its files: IDENTREE_HOME, else ~/.identree. Keystores live in `keystore/`
 * (Web3 Secret Storage files, the format geth and wallets read), profiles in `config.json`, and
 * sign-in tokens in `sessions.json` (mode 0600, like ~/.ssh files).
 */
export const identreeHome = (): string => process.env.IDENTREE_HOME || path.join(homedir(), '.identree');
export const keystoreDir = (): string => process.env.IDENTREE_KEYSTORE || path.join(identreeHome(), 'keystore');
export const configFile = (): string => path.join(identreeHome(), 'config.json');
export const sessionsFile = (): string => path.join(identreeHome(), 'sessions.json');
