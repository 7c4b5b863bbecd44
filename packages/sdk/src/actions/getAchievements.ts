import { encodeAbiParameters, keccak256, type Hash, type Hex } from 'viem';
import { IdentreeError } from '../errors/base.js';
import { registryEvents } from '../utils/registryEvents.js';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetAchievementsParameters = RegistryParameters & { uid: Hash; fromBlock?: bigint };
export type GetAchievementsReturnType = { achievements: Hex[]; head: Hex };

/**
 * The achievements appended to a credential, oldest first, checked against the on-chain hash
 * chain: a log that does not replay to the stored head is rejected, so an indexer or RPC node
 * cannot add, drop or reorder achievements unnoticed.
 *
 * @example
 * const { achievements } = await getAchievements(client, { registry, uid: curriculum })
 */
export async function getAchievements(
  client: RegistryClient,
  { uid, fromBlock, ...rest }: GetAchievementsParameters,
): Promise<GetAchievementsReturnType> {
  const [[head, count], events] = await Promise.all([
    readRegistry<readonly [Hex, number]>(client, { ...rest, functionName: 'achievementLog', args: [uid] }),
    registryEvents(client, rest.registry, 'AchievementAdded', { uid }, fromBlock),
  ]);
  const achievements = events
    .sort((a, b) => a.args.index! - b.args.index!)
    .map((e) => e.args.achievement as Hex);
  let replayed = uid.slice(0, 58) as Hex; // bytes28(uid)
  for (const a of achievements) {
    const next = keccak256(encodeAbiParameters([{ type: 'bytes28' }, { type: 'bytes32' }], [replayed, a]));
    replayed = next.slice(0, 58) as Hex;
  }
  if (achievements.length !== count || (count > 0 && replayed.toLowerCase() !== head.toLowerCase())) {
    throw new IdentreeError(`The achievement log of ${uid} does not match the chain.`, {
      details: `${achievements.length} events replay to ${replayed}; the registry holds ${count} with head ${head}`,
    });
  }
  return { achievements, head };
}
