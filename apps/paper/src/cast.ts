import type { EntityKindName } from '@identree/sdk';

/** The paper's cast (Table 2), plus User3, the mother in its Table 6, and the dev account each uses. */
export const cast = {
  Government: { account: 0, kind: 'Government', registrar: null },
  Government2: { account: 1, kind: 'Government', registrar: 'Government' },
  User1: { account: 2, kind: 'Person', registrar: 'Government' },
  User2: { account: 3, kind: 'Person', registrar: 'Government2' },
  User3: { account: 4, kind: 'Person', registrar: 'Government' },
  University1: { account: 5, kind: 'Issuer', registrar: 'Government2' },
  University2: { account: 6, kind: 'Issuer', registrar: 'Government' },
} as const satisfies Record<string, { account: number; kind: EntityKindName; registrar: string | null }>;

export type CastName = keyof typeof cast;
