import type { Address } from 'viem';
import type { EntityRecord, SponsoredGasTotal, Storage } from '@identree/store';

/** An entity in the registration tree: `level` 0 is the first root, 1 what it registered, and so on. */
export type RegistrationTreeNode = EntityRecord & { level: number; sponsoredGas: SponsoredGasTotal | null };

export type ReadRegistrationTreeParameters = {
  /** Where the tree starts; its level still counts from the top of the registry. */
  from: Address;
  /** Entities at most, breadth first, so the upper levels always come whole before a lower one is cut. */
  limit: number;
  /**
   * Whose sponsored gas the reader sees: `all` (the root authority), the identity it acts for (that
   * entity, and those below it while it is active), or `null` (signed out: none).
   */
  viewer: 'all' | Address | null;
};

export type ReadRegistrationTreeReturnType = { nodes: RegistrationTreeNode[]; truncated: boolean } | null;

/** The chain never links an entity to itself below the first root, so this only guards a corrupt read model. */
const MAX_DEPTH = 64;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Who registered whom, from `from` down, read from the indexed registry one level per query, with
 * what the sponsor paid for each entity the viewer may see (one more query). Null when `from` is not
 * an indexed entity.
 *
 * @example
 * const tree = await readRegistrationTree(storage, { from: root, limit: 200, viewer: 'all' })
 */
export async function readRegistrationTree(storage: Storage, { from, limit, viewer }: ReadRegistrationTreeParameters): Promise<ReadRegistrationTreeReturnType> {
  const start = await storage.entities.get(from);
  if (!start) return null;
  const above = await ancestorsOf(storage, start);
  // A registrar sees below itself while it is active, as the registry lets it act there only then.
  const seesBelow = (e: EntityRecord) => viewer !== null && viewer !== 'all' && same(e.account, viewer) && e.status === 'Active';
  const sees = new Map<string, boolean>();
  const inherited = viewer === 'all' || above.some(seesBelow);

  const nodes: RegistrationTreeNode[] = [];
  const place = (e: EntityRecord, level: number, parentSees: boolean) => {
    const own = viewer === 'all' || (viewer !== null && same(e.account, viewer));
    sees.set(e.account.toLowerCase(), parentSees || own);
    nodes.push({ ...e, level, sponsoredGas: null });
    return parentSees || seesBelow(e);
  };
  const below = new Map<string, boolean>([[start.account.toLowerCase(), place(start, above.length, inherited)]]);
  let level = [start];
  let truncated = false;
  for (let depth = above.length + 1; level.length > 0 && depth <= above.length + MAX_DEPTH; depth++) {
    const room = limit - nodes.length;
    const found = await storage.entities.listByRegistrars(level.map((e) => e.account), { limit: room + 1 });
    if (found.length > room) truncated = true;
    level = found.slice(0, room).filter((e) => !below.has(e.account.toLowerCase()));
    for (const e of level) below.set(e.account.toLowerCase(), place(e, depth, below.get(e.registrar.toLowerCase()) ?? false));
  }

  const visible = nodes.filter((n) => sees.get(n.account.toLowerCase())).map((n) => n.account);
  const totals = new Map((await storage.audit.sponsoredGasBySubjects(visible)).map((t) => [t.subject.toLowerCase(), t]));
  for (const n of nodes) {
    if (sees.get(n.account.toLowerCase())) n.sponsoredGas = totals.get(n.account.toLowerCase()) ?? { subject: n.account, gasUsed: 0n, wei: 0n, writes: 0 };
  }
  return { nodes, truncated };
}

/** `entity`'s registrars up to the first root, nearest first. */
async function ancestorsOf(storage: Storage, entity: EntityRecord): Promise<EntityRecord[]> {
  const found: EntityRecord[] = [];
  let current = entity;
  while (!same(current.registrar, current.account) && found.length < MAX_DEPTH) {
    const registrar = await storage.entities.get(current.registrar);
    if (!registrar) break;
    found.push(registrar);
    current = registrar;
  }
  return found;
}

/** The first root: the entity at the top of `account`'s registration chain (the deployer, which registered itself). */
export async function topOfRegistry(storage: Storage, account: Address): Promise<Address> {
  const entity = await storage.entities.get(account);
  if (!entity) return account;
  const above = await ancestorsOf(storage, entity);
  return (above.at(-1) ?? entity).account;
}
