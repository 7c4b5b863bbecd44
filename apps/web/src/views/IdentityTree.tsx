import { memo } from 'react';
import type { Tree, TreeCredential } from '../service/wallet.js';
import { LEVEL_WORDS } from '../words.js';

const ROW = 56;
const ROOT_X = 24;
const BRANCH_X = 250;
const NODE_W = 300;

const statusOf = (c: TreeCredential) => (c.revoked ? 'revoked' : c.valid ? 'valid' : 'expired');
const COLOURS = { valid: '#1a7f37', revoked: '#a40e26', expired: '#6e7781' } as const;

/**
 * The identity tree as SVG: the identity token at the root, each linked credential a branch with
 * its type, level and status at a glance. Rows are fixed-height, so 200 credentials are 200 small
 * groups with no layout pass; the SVG is memoised so a countdown elsewhere never redraws it.
 */
export const IdentityTree = memo(function IdentityTree({ tree, selected, onSelect }: { tree: Tree; selected: string | null; onSelect: (uid: string) => void }) {
  const rows = Math.max(tree.credentials.length, 1);
  const height = rows * ROW + 16;
  const rootY = Math.min(height / 2, 80);
  return (
    <svg role="group" aria-labelledby="tree-title" width="100%" viewBox={`0 0 ${BRANCH_X + NODE_W + 8} ${height}`} className="tree">
      <title id="tree-title">
        Identity tree: the identity token with {tree.credentials.length} linked credential{tree.credentials.length === 1 ? '' : 's'}
      </title>
      <g>
        <rect x={ROOT_X - 16} y={rootY - 26} width={180} height={52} rx={10} fill="#0b5cad" />
        <text x={ROOT_X} y={rootY - 4} fill="#fff" fontSize={14} fontWeight={600}>Identity token</text>
        <text x={ROOT_X} y={rootY + 15} fill="#dbe9ff" fontSize={12}>{tree.holder.kind}, {tree.holder.status.toLowerCase()}</text>
      </g>
      {/* The branches' lines first, in a layer of their own: a node's clickable area is its box only. */}
      <g aria-hidden="true">
        {tree.credentials.map((c, i) => {
          const y = 8 + i * ROW + ROW / 2;
          return <path key={c.uid} d={`M ${ROOT_X + 164} ${rootY} C ${BRANCH_X - 40} ${rootY}, ${BRANCH_X - 60} ${y}, ${BRANCH_X} ${y}`} stroke={COLOURS[statusOf(c)]} strokeWidth={2} fill="none" />;
        })}
      </g>
      {tree.credentials.map((c, i) => {
        const y = 8 + i * ROW + ROW / 2;
        const status = statusOf(c);
        const isSelected = selected === c.uid;
        return (
          <g key={c.uid} className="branch" tabIndex={0} role="button" aria-pressed={isSelected}
            onClick={() => onSelect(c.uid)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(c.uid)}>
            <rect x={BRANCH_X} y={y - 22} width={NODE_W} height={44} rx={8} fill={isSelected ? '#eef5ff' : '#fff'} stroke={COLOURS[status]} strokeWidth={isSelected ? 3 : 1.5} />
            <circle cx={BRANCH_X + 16} cy={y} r={6} fill={COLOURS[status]} />
            <text x={BRANCH_X + 30} y={y - 3} fontSize={13} fontWeight={600} fill="#1b1f24">{c.type}</text>
            <text x={BRANCH_X + 30} y={y + 14} fontSize={11} fill="#39424e">{LEVEL_WORDS[c.level] ?? c.level}, {status}</text>
          </g>
        );
      })}
    </svg>
  );
});
