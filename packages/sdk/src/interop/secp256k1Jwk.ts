import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, isHex, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/** A secp256k1 public key as a JWK (RFC 7517, RFC 8812), the form SD-JWT's `cnf.jwk` carries. */
export type Secp256k1Jwk = { kty: 'EC'; crv: 'secp256k1'; x: string; y: string };

/**
 * The holder's public key (viem's `account.publicKey`, compressed or not) as the JWK an issuer
 * puts in `cnf`, so a presentation's key-binding JWT can be checked against it.
 */
export function secp256k1PublicKeyToJwk(publicKey: Hex): Secp256k1Jwk {
  if (!isHex(publicKey)) throw new InvalidParameterError('publicKey', 'must be a hex secp256k1 public key');
  let point;
  try {
    point = secp256k1.Point.fromHex(publicKey.slice(2));
  } catch {
    throw new InvalidParameterError('publicKey', 'is not a point on secp256k1');
  }
  const raw = point.toBytes(false); // 0x04 || x || y
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  return { kty: 'EC', crv: 'secp256k1', x: b64(raw.slice(1, 33)), y: b64(raw.slice(33, 65)) };
}

/** The uncompressed public key a `cnf.jwk` names; refuses anything but a secp256k1 EC key on the curve. */
export function jwkToSecp256k1PublicKey(jwk: unknown): Hex {
  const k = jwk as Partial<Secp256k1Jwk> | null;
  if (!k || typeof k !== 'object' || k.kty !== 'EC' || k.crv !== 'secp256k1' || typeof k.x !== 'string' || typeof k.y !== 'string') {
    throw new InvalidParameterError('cnf.jwk', 'must be an EC secp256k1 key with x and y');
  }
  const x = Buffer.from(k.x, 'base64url');
  const y = Buffer.from(k.y, 'base64url');
  if (x.length !== 32 || y.length !== 32) throw new InvalidParameterError('cnf.jwk', 'x and y must be 32 bytes each');
  const publicKey = bytesToHex(new Uint8Array([4, ...x, ...y]));
  try {
    secp256k1.Point.fromHex(publicKey.slice(2));
  } catch {
    throw new InvalidParameterError('cnf.jwk', 'is not a point on secp256k1');
  }
  return publicKey;
}

