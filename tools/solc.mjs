#!/usr/bin/env node
// A solc command-line stand-in backed by solc-js, so forge compiles offline with the
// compiler version pinned in package.json instead of downloading a native build.
// forge only needs `--version` and `--standard-json` (input on stdin).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const solc = require('solc');
const args = process.argv.slice(2);

if (args.includes('--version')) {
  // forge parses the `Version: x.y.z+commit.hash` line.
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version().replace('.Emscripten.clang', '.Linux.g++')}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('tools/solc.mjs supports only --version and --standard-json\n');
  process.exit(2);
}

const optionValue = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const roots = [optionValue('--base-path'), ...collect('--include-path'), process.cwd()].filter(Boolean);

function collect(flag) {
  const out = [];
  args.forEach((a, i) => { if (a === flag) out.push(args[i + 1]); });
  return out;
}

// forge normally inlines every source; this resolves anything it did not.
function findImports(importPath) {
  for (const root of roots) {
    const candidate = path.resolve(root, importPath);
    if (existsSync(candidate)) return { contents: readFileSync(candidate, 'utf8') };
  }
  return { error: `File not found: ${importPath}` };
}

const input = readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
