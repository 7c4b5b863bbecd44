/** Age thresholds issued as their own leaves, so age can be proven without the birth date. */
export const AGE_THRESHOLDS = [18, 21] as const;

/**
 * `ageOverN` claims as of `asOf` (the issuance date). They are facts at issuance: a government
 * re-issues when a minor crosses a threshold, since a leaf cannot change after anchoring.
 *
 * @example
 * deriveAgeClaims('2001-05-04', new Date('2026-01-01')) // { ageOver18: 'true', ageOver21: 'true' }
 */
export function deriveAgeClaims(birthDate: string, asOf: Date): Record<string, string> {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const claims: Record<string, string> = {};
  for (const years of AGE_THRESHOLDS) {
    // Birthday arithmetic on calendar dates in UTC, so time zones cannot shift a birthday.
    const threshold = Date.UTC(y + years, m - 1, d);
    claims[`ageOver${years}`] = String(asOf.getTime() >= threshold);
  }
  return claims;
}

/** The claims the SDK derives as booleans (`ageOver18`, `ageOver21`). */
export const BOOLEAN_CLAIMS: ReadonlySet<string> = new Set(AGE_THRESHOLDS.map((years) => `ageOver${years}`));

/**
 * A committed leaf value as credentials and verdicts show it: a derived claim is a JSON boolean, so
 * a policy or a JSON verifier cannot mistake `"false"` for a truthy value. The leaf itself keeps
 * the string form, so the anchored commitment is unchanged.
 *
 * @example
 * claimValue('ageOver18', 'false') // false
 * claimValue('givenName', 'Ana') // 'Ana'
 */
export function claimValue(name: string, committed: string): string | boolean {
  return BOOLEAN_CLAIMS.has(name) && (committed === 'true' || committed === 'false') ? committed === 'true' : committed;
}

/** The leaf form of a claim value: what `commitAttributes` hashed. */
export const committedValue = (value: string | boolean): string => (typeof value === 'boolean' ? String(value) : value);
