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
