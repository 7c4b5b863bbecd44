#!/usr/bin/env node
// Dependencies run one way: each workspace imports only workspaces of a lower layer, and no file
// reaches into another workspace by a relative path. Dev tooling (the anvil devchain) is for tests
// and the embedded default's launcher only. Fails naming each import that runs the wrong way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
/** Layer of each workspace, lowest first; a workspace may import strictly lower layers. */
const layers = {
  abi: 0, devchain: 0,
  sdk: 1, proto: 1,
  store: 2, chain: 2, poa: 2,
  webhooks: 3, biometrics: 3,
  // the enrollment service's core (plain functions over ports); the API mounts its routes in process
  enrollment: 3,
  // the face template service's core (plain functions over ports); the API mounts its routes in process
  'biometrics-service': 3.5,
  documents: 1, // pure: templates, corpus, pre-processing and OCR; imports no other workspace
  'chain-worker': 4, api: 4,
  stack: 5, client: 5,
  paper: 6, population: 6, web: 6,
  'sign-in-with-identree': 7, cli: 7,
};
/** Imports allowed across the rule, each with its reason. */
const exceptions = [
  { from: 'api', to: 'chain-worker', tests: true, why: 'the API tests run a real chain worker behind the API, in process or over gRPC' },
];
const devOnly = new Set(['devchain', 'poa']);
// the embedded default and the demos start a dev chain; the PoA launcher ties geth to itself as devchain ties anvil
const devAllowed = new Set(['stack', 'paper', 'population', 'poa']);

const workspaces = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces;
const problems = [];
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const full = path.join(dir, name);
  if (name === 'node_modules' || name === 'gen') return [];
  return statSync(full).isDirectory() ? walk(full) : /\.(ts|mts|mjs)$/.test(name) ? [full] : [];
});
/** Workspaces whose folder name is another workspace's: named by their package name's last part. */
const folderNames = { 'services/biometrics': 'biometrics-service' };
for (const ws of workspaces) {
  const name = folderNames[ws] ?? path.basename(ws);
  if (!(name in layers)) problems.push(`${ws}: no layer assigned in tools/check-layers.mjs`);
  for (const file of walk(path.join(root, ws))) {
    // Generators (`scripts/`) run at build time, like tests: packages/client's reads the API's document from a dev chain.
    const isTest = /\.(test|suite|behavior)\.ts$|\/test\/|\/testing\/|\/bench\/|\/scripts\//.test(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const where = `${path.relative(root, file)}: '${spec}'`;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(path.join(root, ws) + path.sep)) problems.push(`${where} leaves ${ws}; import the workspace by its package name`);
        continue;
      }
      const m = /^@identree\/([^/]+)/.exec(spec);
      if (!m) continue;
      const to = m[1] === 'identity-service' ? 'api' : m[1];
      if (!(to in layers)) continue;
      if (devOnly.has(to) && !isTest && !devAllowed.has(name)) { problems.push(`${where}: dev tooling in production code`); continue; }
      if (layers[to] < layers[name] || (devOnly.has(to) && (isTest || devAllowed.has(name)))) continue;
      if (exceptions.some((e) => e.from === name && e.to === to && (!e.tests || isTest))) continue;
      problems.push(`${where}: ${name} (layer ${layers[name]}) may not import ${to} (layer ${layers[to]})`);
    }
  }
}
if (problems.length) {
  console.error(`imports that run the wrong way:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`layers: ${workspaces.length} workspaces, every import runs one way`);
