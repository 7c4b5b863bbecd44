import type { Address } from 'viem';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import { EntityStatus, nameOf, type EntityStatusName } from '../types.js';

/** A reported compromise: credentials the authority anchored from `since` to `reportedAt` (unix seconds) are void. */
export type Compromise = { since: number; reportedAt: number; cutOff: EntityStatusName };

/**
 * The compromise reported on `entity`, or null when there is none.
 *
 * @example
 * const report = await getCompromise(client, { holderRegistry, entity: ministry })
 */
export async function getCompromise(client: Parameters<typeof readHolderRegistry>[0], { holderRegistry, entity }: HolderRegistryParameters & { entity: Address }): Promise<Compromise | null> {
  const raw = await readHolderRegistry<{ since: number; reportedAt: number; cutOff: number }>(client, { holderRegistry, functionName: 'compromiseOf', args: [entity] });
  if (raw.reportedAt === 0) return null;
  return { since: raw.since, reportedAt: raw.reportedAt, cutOff: nameOf(EntityStatus, raw.cutOff) as EntityStatusName };
}

/**
 * Whether a credential anchored at `anchoredAt` (unix seconds) keeps its standing against its issuer's report:
 * `void` when it was anchored inside the window, `kept` when it was anchored before it and the issuer's standing is
 * still the report's cut-off (so that cut-off does not reach it), `standing` when the issuer's standing applies as usual.
 */
export function judgeAgainstCompromise(report: Compromise | null, anchoredAt: number, issuerStatus: EntityStatusName | null): 'void' | 'kept' | 'standing' {
  if (!report) return 'standing';
  if (anchoredAt >= report.since && anchoredAt <= report.reportedAt) return 'void';
  return anchoredAt < report.since && issuerStatus === report.cutOff ? 'kept' : 'standing';
}
