import { startAnvil, type Anvil } from '@identree/devchain';
import {
  CredentialType,
  commitAttributes,
  deployIdentityRegistry,
  evmVersionOf,
  identreeActions,
  type CommitAttributesReturnType,
} from '@identree/sdk';
import type { Address, Hash } from 'viem';
import { cast, type CastName } from './cast.js';

/** Gas of each step, keyed by the operation it measures. */
export type GasRecord = { operation: string; actor: CastName; gasUsed: bigint };

/** Where the walk-through runs: anvil by default, or any chain whose cast `castOnChain` funded. */
export type WalkthroughChain = Pick<Anvil, 'wallet' | 'stop'>;

export type Walkthrough<C extends WalkthroughChain = Anvil> = {
  chain: C;
  registry: Address;
  addresses: Record<CastName, Address>;
  names: Map<string, CastName>;
  gas: GasRecord[];
  /** Everything the holders keep off chain: attribute values and salts. */
  secrets: CommitAttributesReturnType[];
  credentials: Record<string, Hash>;
  client: (name: CastName) => ReturnType<typeof bind>;
};

const bind = (chain: WalkthroughChain, registry: Address, name: CastName) => chain.wallet(cast[name].account).extend(identreeActions(registry));

/** Synthetic but realistic attribute values, as on the paper's birth certificate (d1) and achievement (a1). */
export const attributes = {
  birthCertificateUser1: {
    givenName: 'Juan', fatherLastName: 'Perez', motherLastName: 'Lopez', gender: 'M',
    birthDate: '2001-05-04', municipality: 'Zapopan', state: 'Jalisco',
  },
  birthCertificateUser2: {
    givenName: 'Maria', fatherLastName: 'Garcia', motherLastName: 'Ruiz', gender: 'F',
    birthDate: '1975-11-23', municipality: 'Guadalajara', state: 'Jalisco',
  },
  curriculumUser1: { studentId: '0220530', program: 'Computer Engineering' },
  curriculumUser2: { studentId: '0199871', program: 'Law' },
  achievementUser1: { course: 'Distributed Systems', grade: '98', term: '2024-Spring' },
  achievementUser2: { course: 'Constitutional Law', grade: '91', term: '2024-Fall' },
};

/**
 * Replays the paper's Figure 10 on Identree: a government registers the cast, anchors birth
 * certificates with parent links, two universities anchor curricula (one accredited, one not),
 * add achievements, and the users link everything into their identity trees.
 */
export async function runWalkthrough<C extends WalkthroughChain = Anvil>(options: { log?: (line: string) => void; chain?: C } = {}): Promise<Walkthrough<C>> {
  const log = options.log ?? (() => {});
  const chain = (options.chain ?? (await startAnvil({ accounts: 10 }))) as C;
  const gas: GasRecord[] = [];
  const record = (operation: string, actor: CastName, gasUsed: bigint) => {
    gas.push({ operation, actor, gasUsed });
    log(`  ${actor.padEnd(12)} ${operation.padEnd(40)} ${gasUsed.toLocaleString('en-US').padStart(10)} gas`);
  };

  log('1  Government deploys the registry and becomes root');
  // The build the chain runs: paris on a geth Clique network, which has no PUSH0.
  const deployer = chain.wallet(cast.Government.account);
  const deployed = await deployIdentityRegistry(deployer, { evmVersion: await evmVersionOf(deployer) });
  const registry = deployed.registry;
  record('deployRegistry', 'Government', deployed.gasUsed);
  const c = (name: CastName) => bind(chain, registry, name);
  const addresses = Object.fromEntries(
    (Object.keys(cast) as CastName[]).map((n) => [n, chain.wallet(cast[n].account).account.address]),
  ) as Record<CastName, Address>;
  const names = new Map(Object.entries(addresses).map(([n, a]) => [a.toLowerCase(), n as CastName]));

  log('2  Governments register the cast (each gets one soulbound identity token)');
  for (const name of ['Government2', 'User1', 'User3', 'University2', 'User2', 'University1'] as const) {
    const { registrar, kind } = cast[name];
    const r = await c(registrar).registerEntity({ entity: addresses[name], kind });
    record(`registerEntity(${name}, ${kind})`, registrar, r.gasUsed);
  }

  log('3  Government2 accredits University1 for curricula; University2 stays unaccredited');
  const acc = await c('Government2').accreditIssuer({ issuer: addresses.University1, credentialType: CredentialType.ScholarCurriculum });
  record('accreditIssuer(University1)', 'Government2', acc.gasUsed);

  log('4  Government anchors birth certificates; parent links are a government act');
  const secrets: CommitAttributesReturnType[] = [];
  const commit = (values: Record<string, string>) => {
    const committed = commitAttributes(values);
    secrets.push(committed);
    return committed.commitment;
  };
  const bc1 = await c('Government').anchorCredential({
    subject: addresses.User1,
    credentialType: CredentialType.BirthCertificate,
    commitment: commit(attributes.birthCertificateUser1),
    parents: { father: addresses.User2, mother: addresses.User3 },
  });
  record('anchorBirthCertificate(User1, 2 parents)', 'Government', bc1.gasUsed);
  const bc2 = await c('Government').anchorCredential({
    subject: addresses.User2,
    credentialType: CredentialType.BirthCertificate,
    commitment: commit(attributes.birthCertificateUser2),
    parents: {},
  });
  record('anchorBirthCertificate(User2, 0 parents)', 'Government', bc2.gasUsed);

  log('5  Users link their birth certificates');
  record('linkCredential(BC1)', 'User1', (await c('User1').linkCredential({ uid: bc1.uid })).gasUsed);
  record('linkCredential(BC2)', 'User2', (await c('User2').linkCredential({ uid: bc2.uid })).gasUsed);

  log('6  Universities anchor curricula derived from the birth certificates');
  const sc1Commitment = commit(attributes.curriculumUser1);
  const sc1 = await c('University1').anchorCredential({
    subject: addresses.User1, credentialType: CredentialType.ScholarCurriculum, commitment: sc1Commitment, source: bc1.uid,
  });
  record('anchorCredential(ScholarCurriculum, User1)', 'University1', sc1.gasUsed);
  const sc2Commitment = commit(attributes.curriculumUser2);
  const sc2 = await c('University2').anchorCredential({
    subject: addresses.User2, credentialType: CredentialType.ScholarCurriculum, commitment: sc2Commitment, source: bc2.uid,
  });
  record('anchorCredential(ScholarCurriculum, User2)', 'University2', sc2.gasUsed);

  log('7  Universities append achievements');
  const a1 = await c('University1').addAchievement({ commitment: sc1Commitment, achievement: commit(attributes.achievementUser1) });
  record('addAchievement(a1)', 'University1', a1.gasUsed);
  const a2 = await c('University2').addAchievement({ commitment: sc2Commitment, achievement: commit(attributes.achievementUser2) });
  record('addAchievement(a2)', 'University2', a2.gasUsed);

  log('8  Users link their curricula');
  record('linkCredential(SC1)', 'User1', (await c('User1').linkCredential({ uid: sc1.uid })).gasUsed);
  record('linkCredential(SC2)', 'User2', (await c('User2').linkCredential({ uid: sc2.uid })).gasUsed);

  return {
    chain,
    registry,
    addresses,
    names,
    gas,
    secrets,
    credentials: { bc1: bc1.uid, bc2: bc2.uid, sc1: sc1.uid, sc2: sc2.uid },
    client: c,
  };
}
