import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { configFile } from './paths.js';
import { readJsonFile, writeJsonFile } from './jsonFile.js';

export type Profile = { service: string; rpc?: string; key?: string };
type Config = { current?: string; profiles: Record<string, Profile> };

export const DEFAULT_SERVICE = 'http://127.0.0.1:8080';

const load = (): Config => readJsonFile<Config>(configFile(), { profiles: {} });

/** Saves or updates a named profile (service URL, RPC URL, default key). */
export function saveProfile(name: string, changes: Partial<Profile>): Profile {
  const config = load();
  const profile = { ...{ service: DEFAULT_SERVICE }, ...config.profiles[name], ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Profile;
  config.profiles[name] = profile;
  config.current ??= name;
  writeJsonFile(configFile(), config);
  return profile;
}

export function useProfile(name: string): void {
  const config = load();
  if (!config.profiles[name]) throw new CliError('unknown_profile', `no profile named "${name}"`, ExitCode.usage, 'create it with `identree profile set <name> --service URL`');
  config.current = name;
  writeJsonFile(configFile(), config);
}

export function listProfiles(): { current?: string; profiles: Record<string, Profile> } {
  return load();
}

/**
 * The profile a command runs with: --profile, else the current one, else the defaults; then
 * IDENTREE_SERVICE / IDENTREE_RPC, then --service / --rpc override it for this command only.
 */
export function resolveProfile(options: { profile?: string; service?: string; rpc?: string; key?: string }): Profile & { name: string } {
  const config = load();
  const name = options.profile ?? config.current ?? 'default';
  if (options.profile && !config.profiles[options.profile]) {
    throw new CliError('unknown_profile', `no profile named "${options.profile}"`, ExitCode.usage, 'create it with `identree profile set <name> --service URL`');
  }
  const saved = config.profiles[name] ?? { service: DEFAULT_SERVICE };
  const service = options.service ?? process.env.IDENTREE_SERVICE ?? saved.service;
  try {
    new URL(service);
  } catch {
    throw new CliError('invalid_service_url', `"${service}" is not a URL`, ExitCode.usage, 'pass --service http://host:port');
  }
  return { name, service: service.replace(/\/+$/, ''), rpc: options.rpc ?? process.env.IDENTREE_RPC ?? saved.rpc, key: options.key ?? process.env.IDENTREE_KEY ?? saved.key };
}
