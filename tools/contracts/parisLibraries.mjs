// OpenZeppelin 5.7 copies memory with `mcopy` (EIP-5656, Cancun), which solc refuses for `paris`.
// Clique networks stop at London/Paris (geth 1.13 rejects Shanghai and Cancun under Clique), so the
// paris build compiles against a generated copy of the library where each `mcopy(dst, src, len)`
// becomes an exact Yul copy loop: whole words, then the last bytes one by one (so nothing past
// `len` is written), and byte by byte from the end when the destination starts inside the source
// (mcopy is a memmove). A loop rather than the identity precompile, because several of these
// functions are `pure` and solc rejects a staticcall there. The contracts' own sources are
// compiled unchanged; only this paris copy of the library differs.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Splits a Yul call's argument list at top-level commas. */
function splitArguments(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** A Yul block with mcopy's effect; its own scope, so two copies in one function do not clash. */
const memmove = (dst, src, len) =>
  [
    `{ let mcopyDst__ := ${dst} let mcopySrc__ := ${src} let mcopyLen__ := ${len}`,
    'switch and(gt(mcopyDst__, mcopySrc__), lt(mcopyDst__, add(mcopySrc__, mcopyLen__)))',
    'case 0 { let i__ := 0',
    'for {} lt(add(i__, 0x1f), mcopyLen__) { i__ := add(i__, 0x20) } { mstore(add(mcopyDst__, i__), mload(add(mcopySrc__, i__))) }',
    'for {} lt(i__, mcopyLen__) { i__ := add(i__, 1) } { mstore8(add(mcopyDst__, i__), byte(0, mload(add(mcopySrc__, i__)))) } }',
    'default { for { let i__ := mcopyLen__ } gt(i__, 0) {} { i__ := sub(i__, 1)',
    'mstore8(add(mcopyDst__, i__), byte(0, mload(add(mcopySrc__, i__)))) } } }',
  ].join(' ');

/** The source with every `mcopy(...)` statement replaced by an identity-precompile copy. */
export function withoutMcopy(source) {
  let out = '';
  let from = 0;
  const pattern = /\bmcopy\s*\(/g;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    // Only code: a `mcopy` inside a comment line is left alone.
    const lineStart = source.lastIndexOf('\n', m.index) + 1;
    if (/^\s*(\*|\/\/)/.test(source.slice(lineStart, m.index))) continue;
    let depth = 1;
    let i = m.index + m[0].length;
    for (; depth > 0; i++) depth += source[i] === '(' ? 1 : source[i] === ')' ? -1 : 0;
    const args = splitArguments(source.slice(m.index + m[0].length, i - 1));
    if (args.length !== 3) throw new Error(`mcopy with ${args.length} arguments at offset ${m.index}`);
    const [dst, src, len] = args;
    out += source.slice(from, m.index) + memmove(dst, src, len);
    from = i;
    pattern.lastIndex = i;
  }
  return out + source.slice(from);
}

/** Writes the paris copy of `libraryDir` to `targetDir`; returns the files it rewrote. */
export function writeParisLibrary(libraryDir, targetDir) {
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(path.dirname(targetDir), { recursive: true });
  cpSync(libraryDir, targetDir, { recursive: true });
  const rewritten = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.sol')) {
        const source = readFileSync(full, 'utf8');
        const patched = withoutMcopy(source);
        if (patched !== source) {
          writeFileSync(full, patched);
          rewritten.push(path.relative(targetDir, full));
        }
      }
    }
  };
  walk(targetDir);
  return rewritten;
}
