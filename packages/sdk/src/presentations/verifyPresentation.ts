import { isAddress, isAddressEqual, type Address, type Hash } from 'viem';
import { CertificationLevel } from '../types.js';
import { registryKey, type CredentialStatusSource } from './credentialStatusSource.js';
import { judgeAgainstCompromise } from '../compromise/getCompromise.js';
import { disclosureProofRoot } from './disclosureProof.js';
import type { NonceStore } from './nonceStore.js';
import { presentationShapeError } from './presentationSchema.js';
import { presentationDigestBytes } from './presentationDigest.js';
import { credentialId } from '../utils/credentialId.js';
import { claimValue, committedValue } from '../credentials/derivedClaims.js';
import { recoverSignerLowercase } from './recoverSigner.js';
import type { Presentation, Verdict, VerdictReason, VerifiedCredential, VerifierPolicy } from './types.js';

export type VerifyPresentationParameters = {
  presentation: unknown;
  /** This verifier's identifier; a presentation made for anyone else is rejected. */
  audience: string;
  /**
   * The challenge this verifier issued for this exchange. A nonce store accepts any live nonce
   * issued for the audience, so without it a presentation made earlier for another challenge
   * (harvested by a phishing page, say) would pass; with it, that is `nonce_mismatch`.
   */
  nonce?: Hash;
  nonces: NonceStore;
  status: CredentialStatusSource;
  policy?: VerifierPolicy;
  /** Longest accepted lifetime in seconds (default 600). */
  maxLifetime?: number;
  /** Allowed clock difference in seconds (default 30). */
  clockSkew?: number;
  now?: Date;
};

/**
 * Verifies a presentation completely: shape, audience, lifetime, that every credential's registry
 * is one the status source trusts, every Merkle proof against the anchored commitment, the EIP-712
 * signature by the key that controls the holder's identity now, on-chain status (anchored, not
 * revoked, inside its window, held by the holder), certification level, policy, and finally the nonce.
 * Returns every reason it fails; a valid verdict carries the disclosed attributes.
 *
 * @example
 * const verdict = await verifyPresentation({ presentation, audience: 'bank.example', nonces, status,
 *   policy: { minLevel: 'GovernmentCertified', requiredAttributes: ['ageOver18'] } })
 */
export async function verifyPresentation(parameters: VerifyPresentationParameters): Promise<Verdict> {
  const { audience, nonces, status, policy = {}, maxLifetime = 600, clockSkew = 30, now = new Date() } = parameters;
  const shapeError = presentationShapeError(parameters.presentation);
  if (shapeError) return { valid: false, reasons: [{ code: 'malformed', message: shapeError }] };
  const p = parameters.presentation as Presentation;
  const reasons: VerdictReason[] = [];
  const fail = (code: VerdictReason['code'], message: string, credential?: Hash) => reasons.push({ code, message, credential });
  const t = Math.floor(now.getTime() / 1000);

  // The schema admits any 40 hex digits; a mixed-case address whose EIP-55 checksum is wrong is a
  // typo or a forgery, and the encoders below would throw on it, so it is refused as malformed here.
  const badAddress = [['holder', p.holder], ...p.credentials.flatMap((c, i) => [[`credentials[${i}].issuer`, c.issuer], [`credentials[${i}].registry`, c.registry]])]
    .find(([, value]) => !isAddress(value as string));
  if (badAddress) return { valid: false, holder: p.holder, reasons: [{ code: 'malformed', message: `${badAddress[0]}: bad EIP-55 checksum` }] };

  if (p.audience !== audience) fail('audience_mismatch', `made for "${p.audience}", not "${audience}"`);
  if (parameters.nonce !== undefined && p.nonce.toLowerCase() !== parameters.nonce.toLowerCase()) fail('nonce_mismatch', `answers challenge ${p.nonce}, not ${parameters.nonce}`);
  if (p.expiresAt <= t) fail('expired', `expired at ${p.expiresAt}, now ${t}`);
  if (p.issuedAt > t + clockSkew) fail('not_yet_valid', `issued in the future (${p.issuedAt})`);
  if (p.expiresAt - p.issuedAt > maxLifetime) fail('lifetime_too_long', `lifetime over ${maxLifetime} s`);

  const leaves: Uint8Array[][] = [];
  for (const c of p.credentials) {
    if (!status.trusts(c)) {
      fail('registry_untrusted', `registry ${c.registry} on chain ${c.chainId} is not one this verifier trusts`, c.uid);
      continue;
    }
    if (credentialId({ issuer: c.issuer, commitment: c.commitment }) !== c.uid.toLowerCase()) {
      fail('uid_mismatch', 'uid is not keccak256(issuer, commitment)', c.uid);
    }
    // A multiproof of n leaves and m proof nodes has exactly n + m - 1 flags; anything else is a
    // proof for another tree shape (wrong depth) and is refused before hashing.
    if (c.proofFlags.length !== c.disclosures.length + c.proof.length - 1 || c.proofFlags.filter((f) => !f).length > c.proof.length) {
      fail('proof_malformed', `proof of ${c.proof.length} nodes and ${c.proofFlags.length} flags does not fit ${c.disclosures.length} leaves`, c.uid);
      continue;
    }
    if (new Set(c.disclosures.map((d) => d.name)).size !== c.disclosures.length) {
      fail('malformed', 'an attribute is disclosed twice', c.uid);
      continue;
    }
    let proven: ReturnType<typeof disclosureProofRoot>;
    try {
      proven = disclosureProofRoot(c.disclosures, c.proof, c.proofFlags);
    } catch {
      // Flags that fit the counts can still ask for a node that is not there; the tree library
      // throws, and the verdict must say so rather than the call failing.
      fail('proof_malformed', 'the proof flags consume more nodes than the proof has', c.uid);
      continue;
    }
    const { root, leaves: hashed } = proven;
    leaves.push(hashed);
    if (root.toLowerCase() !== c.commitment.toLowerCase()) fail('proof_invalid', 'disclosures do not prove to the commitment', c.uid);
  }
  if (reasons.length > 0) return { valid: false, holder: p.holder, reasons };

  const signer = await recoverSignerLowercase(presentationDigestBytes(p, leaves), p.signature);
  if (signer === null) return { valid: false, holder: p.holder, reasons: [{ code: 'signature_invalid', message: 'no key recovers from the signature' }] };

  // The holder is an identity, and only the key that controls it now may speak for it: after a
  // rotation or a guardian recovery the old key (often the identity's own address) signs for nobody.
  const registries = [...new Map(p.credentials.map((c) => [registryKey(c), c])).values()];
  const [keys, statuses, holderStanding, issuerStanding, compromises] = await Promise.all([
    Promise.all(registries.map((c) => status.currentKey({ chainId: c.chainId, registry: c.registry, identity: p.holder }))),
    Promise.all(p.credentials.map((c) => status.getStatus(c))),
    Promise.all(registries.map((c) => status.entityStatus({ chainId: c.chainId, registry: c.registry, entity: p.holder }))),
    Promise.all(p.credentials.map((c) => status.entityStatus({ chainId: c.chainId, registry: c.registry, entity: c.issuer }))),
    Promise.all(p.credentials.map((c) => status.compromise({ chainId: c.chainId, registry: c.registry, entity: c.issuer }))),
  ]);
  // Only a credential whose issuer has a compromise report needs its anchoring time (a log and a block read).
  const anchorTimes = await Promise.all(p.credentials.map((c, i) => (compromises[i] ? status.anchorTime(c) : null)));
  for (const [i, key] of keys.entries()) {
    if (key?.toLowerCase() === signer) continue;
    const where = `in registry ${registries[i]!.registry} on chain ${registries[i]!.chainId}`;
    // A signature by the holder's own address that no longer counts is a stale key, worth naming
    // as such; any other signer is simply not the holder's.
    if (signer !== p.holder.toLowerCase()) {
      return { valid: false, holder: p.holder, reasons: [{ code: 'signature_invalid', message: `not signed by the key that controls ${p.holder}` }] };
    }
    fail('key_not_current', key ? `${p.holder} is controlled by ${key} now ${where}` : `${p.holder} is a bound or retired key, not an identity, ${where}`);
  }
  // Standing is read at verification time: a credential stays anchored while its holder or issuer
  // is suspended, but neither may be relied on until reinstated.
  for (const [i, standing] of holderStanding.entries()) {
    const where = `in registry ${registries[i]!.registry} on chain ${registries[i]!.chainId}`;
    if (standing === 'Suspended') fail('holder_suspended', `the holder ${p.holder} is suspended ${where}`);
    if (standing === 'Revoked') fail('holder_revoked', `the holder ${p.holder} is revoked ${where}`);
  }
  p.credentials.forEach((c, i) => {
    const report = compromises[i];
    const anchoredAt = anchorTimes[i];
    const judged = report && anchoredAt != null ? judgeAgainstCompromise(report, anchoredAt, issuerStanding[i]!) : 'standing';
    if (judged === 'void') {
      const iso = (s: number) => new Date(s * 1000).toISOString();
      return fail('issuer_compromised', `anchored at ${iso(anchoredAt!)}, inside the compromise of ${c.issuer}'s key (from ${iso(report!.since)}, reported ${iso(report!.reportedAt)})`, c.uid);
    }
    // Anchored before the compromise: the suspension or revocation that cut the stolen key off does not reach it.
    if (judged === 'kept') return;
    if (issuerStanding[i] === 'Suspended') fail('issuer_suspended', `the issuer ${c.issuer} is suspended now`, c.uid);
    if (issuerStanding[i] === 'Revoked') fail('issuer_revoked', `the issuer ${c.issuer} is revoked`, c.uid);
  });
  const verified: VerifiedCredential[] = [];
  p.credentials.forEach((c, i) => {
    const s = statuses[i];
    if (!s) return fail('credential_not_anchored', `nothing anchored by ${c.issuer} under this commitment`, c.uid);
    if (!isAddressEqual(s.subject, p.holder)) fail('signer_not_subject', `the credential belongs to ${s.subject}`, c.uid);
    if (s.typeName !== c.type) fail('type_mismatch', `anchored as ${s.typeName}, presented as ${c.type}`, c.uid);
    if (s.revoked) fail('credential_revoked', 'revoked by its issuer', c.uid);
    if (t >= s.validUntil) fail('credential_expired', `validity ended at ${s.validUntil}`, c.uid);
    if (t < s.validFrom) fail('credential_not_yet_valid', `valid from ${s.validFrom}`, c.uid);
    if (policy.minLevel && CertificationLevel[s.level] < CertificationLevel[policy.minLevel]) {
      fail('level_too_low', `${s.level}, policy requires ${policy.minLevel}`, c.uid);
    }
    if (policy.requireLinked && !s.linked) fail('credential_not_linked', 'not linked in the holder\'s identity tree', c.uid);
    verified.push({
      uid: c.uid,
      issuer: c.issuer,
      type: s.typeName,
      level: s.level,
      linked: s.linked,
      disclosed: Object.fromEntries(c.disclosures.map((d) => [d.name, claimValue(d.name, d.value)])),
    });
  });
  const disclosedNames = new Set(verified.flatMap((v) => Object.keys(v.disclosed)));
  for (const name of policy.requiredAttributes ?? []) {
    if (!disclosedNames.has(name)) fail('attribute_missing', `required attribute "${name}" is not disclosed`);
  }
  for (const [name, expected] of Object.entries(policy.requiredValues ?? {})) {
    const values = verified.flatMap((v) => (name in v.disclosed ? [v.disclosed[name]] : []));
    if (values.length === 0) fail('attribute_missing', `required attribute "${name}" is not disclosed`);
    else if (!values.every((v) => committedValue(v) === committedValue(expected))) fail('attribute_value_mismatch', `"${name}" is disclosed as ${values.map((v) => JSON.stringify(v)).join(', ')}, the policy requires ${JSON.stringify(expected)}`);
  }
  if (reasons.length > 0) return { valid: false, holder: p.holder, reasons };

  // Last, so that only a presentation that is otherwise valid uses up its nonce.
  if (!(await nonces.consume(audience, p.nonce))) {
    return nonceReplayedVerdict(p.holder);
  }
  return { valid: true, holder: p.holder, audience, nonce: p.nonce, credentials: verified, reasons: [] };
}

/**
 * The verdict for a presentation that is valid in every respect but its nonce: unknown, expired or
 * already used. A verifier that consumes nonces elsewhere (after verifying on another thread, say)
 * answers with exactly this.
 */
export function nonceReplayedVerdict(holder: Address): Verdict {
  return { valid: false, holder, reasons: [{ code: 'nonce_replayed', message: 'nonce unknown, expired or already used' }] };
}
