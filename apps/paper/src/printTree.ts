import type { Address } from 'viem';
import type { Walkthrough, WalkthroughChain } from './walkthrough.js';
import type { CastName } from './cast.js';

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Renders one entity's identity tree the way the paper draws it: the token, then each linked credential. */
export async function printTree(w: Walkthrough<WalkthroughChain>, name: CastName): Promise<string> {
  const me = w.client(name);
  const label = (a: Address | null) => (a ? (w.names.get(a.toLowerCase()) ?? short(a)) : 'unknown');
  const tree = await me.getIdentityTree({ holder: w.addresses[name] });
  if (!tree) return `${name}: not registered`;
  const { holder } = tree;
  const lines = [
    `${name} ${short(holder.account)}  ${holder.kind}, ${holder.status}, registered by ${label(holder.registrar)}`,
    `│  identity token #${short(holder.tokenId.toString(16).padStart(40, '0'))} (soulbound)`,
  ];
  for (const [i, cred] of tree.credentials.entries()) {
    const last = i === tree.credentials.length - 1;
    const branch = last ? '└─' : '├─';
    const pad = last ? '   ' : '│  ';
    lines.push(`${branch} ${cred.typeName}  ${cred.level}  ${cred.valid ? 'valid' : 'NOT VALID'}  issued by ${label(cred.issuer)} (${cred.issuerEntity?.kind})`);
    lines.push(`${pad}   uid ${short(cred.uid)}  commitment ${short(cred.commitment)}`);
    if (cred.typeName === 'BirthCertificate') {
      const p = await me.getParents({ uid: cred.uid });
      lines.push(`${pad}   parents: father ${label(p.father)}, mother ${label(p.mother)}`);
    }
    if (cred.typeName === 'ScholarCurriculum') {
      const { achievements } = await me.getAchievements({ uid: cred.uid });
      lines.push(`${pad}   achievements: ${achievements.length} (hash chain verified)`);
    }
  }
  if (tree.credentials.length === 0) lines.push('└─ (no linked credentials)');
  return lines.join('\n');
}
