import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** The token signing key: an Ed25519 private key and the public half the JWKS publishes. */
export type SigningKey = {
  /** RFC 7638 thumbprint of the public key: the same key always has the same `kid`. */
  kid: string;
  privateKey: CryptoKey;
  /** Public JWK with `kid`, `alg` and `use`, as served by `/.well-known/jwks.json`. */
  publicJwk: PublicSigningJwk;
};

export type PublicSigningJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };

export type LoadSigningKeyParameters =
  /** A private Ed25519 JWK, e.g. from a secret manager. */
  | { key: JWK; keyFile?: undefined }
  /** A JSON file holding a private Ed25519 JWK; created with a fresh key if missing. */
  | { keyFile: string; key?: undefined };

/** A key that is present but unusable; the service refuses to start rather than replace it. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/**
 * The signing key from `key`, or from `keyFile`, generating and saving one on first start so
 * tokens stay valid across restarts.
 *
 * @example
 * const signing = await loadSigningKey({ keyFile: path.join(config.dataDir, 'auth-key.jwk.json') })
 * signing.kid // 'aXzJlDQ4Q9cfMl2oVElBLPDh_69hOT6nfDLFQ-H3B5Q'
 */
export async function loadSigningKey(parameters: LoadSigningKeyParameters): Promise<SigningKey> {
  if (parameters.key) return importSigningKey(parameters.key, 'key');
  if (!parameters.keyFile) throw new SigningKeyError('either key or keyFile is required');
  const file = parameters.keyFile;
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) return importSigningKey(parseJwk(existing, file), file);
  return importSigningKey(await createKeyFile(file), file);
}

function parseJwk(text: string, source: string): JWK {
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new SigningKeyError(`${source}: not a JSON Web Key`);
  }
}

async function importSigningKey(jwk: JWK, source: string): Promise<SigningKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new SigningKeyError(`${source}: expected a private Ed25519 JWK (kty OKP, crv Ed25519, with d and x)`);
  }
  const privateKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, 'EdDSA')) as CryptoKey;
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  return { kid, privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } };
}

/**
 * Writes a fresh key to a temporary file and hard-links it into place: `link` fails if the file
 * appeared meanwhile, so two instances starting together agree on one key, and no reader ever
 * sees a half-written file.
 */
async function createKeyFile(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { kty, crv, x, d } = await exportJWK(privateKey);
  const jwk: JWK = { kty, crv, x, d };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseJwk(await readFile(file, 'utf8'), file);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}
