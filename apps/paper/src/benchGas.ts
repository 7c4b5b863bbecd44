// npm run bench:gas — replays the paper's walk-through with the production compiler settings
// (foundry.toml) and prints each operation's gas beside the paper's, then the population
// extrapolations. The last line is one JSON object.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { runWalkthrough, type GasRecord } from './walkthrough.js';
import { measureHolderGas } from './holderGas.js';
import { measureEnrollmentGas } from './enrollmentGas.js';
import { measureAuthorityGas } from './authorityGas.js';
import { measureFaceGas } from './faceGas.js';
import { CITIZEN_CREDENTIALS, MEXICO_POPULATION, UNIVERSITY, paperFigures } from './paperFigures.js';

const w = await runWalkthrough();
const holder = await measureHolderGas(w);
const enrollment = await measureEnrollmentGas(w);
// Before the authority rows, which re-bind User2's key.
const face = await measureFaceGas(w);
const authority = await measureAuthorityGas(w);
await w.chain.stop();

const gasOf = (prefix: string): number => {
  const hit: GasRecord | undefined = w.gas.find((g) => g.operation.startsWith(prefix));
  if (!hit) throw new Error(`walk-through recorded no ${prefix}`);
  return Number(hit.gasUsed);
};
const ours = {
  deployRegistry: gasOf('deployRegistry'),
  registerEntity: gasOf('registerEntity(User1'),
  anchorBirthCertificate: gasOf('anchorBirthCertificate(User1, 2 parents)'),
  anchorCurriculum: gasOf('anchorCredential(ScholarCurriculum, User1)'),
  addAchievement: gasOf('addAchievement(a1)'),
  linkCredential: gasOf('linkCredential(BC1)'),
};
const targets: Partial<Record<keyof typeof ours, number>> = {
  registerEntity: 60_000,
  anchorBirthCertificate: 80_000,
  linkCredential: 50_000,
  addAchievement: 50_000,
};

const fmt = (n: number) => n.toLocaleString('en-US');
const sci = (n: number) => n.toExponential(3);
console.log(`Identree gas benchmark — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`);
const runs = /optimizer_runs\s*=\s*(\d+)/.exec(readFileSync(new URL('../../../foundry.toml', import.meta.url), 'utf8'))?.[1];
console.log(`Compiler: solc 0.8.37 (solc-js), optimizer on, ${Number(runs).toLocaleString('en-US')} runs, EVM cancun; chain: anvil\n`);
console.log(`${'operation'.padEnd(24)}${'Identree'.padStart(12)}${'target'.padStart(10)}${'paper'.padStart(12)}${'paper replay'.padStart(14)}${'× less'.padStart(9)}`);
for (const key of Object.keys(ours) as (keyof typeof ours)[]) {
  const p = paperFigures[key];
  const target = targets[key];
  console.log(
    `${key.padEnd(24)}${fmt(ours[key]).padStart(12)}${(target ? `≤${fmt(target)}` : '').padStart(10)}${fmt(p.paper).padStart(12)}${fmt(p.replay).padStart(14)}${(p.paper / ours[key]).toFixed(1).padStart(9)}`,
  );
}

const perCitizen = ours.registerEntity + ours.anchorBirthCertificate;
const paperPerCitizen = paperFigures.registerEntity.paper + paperFigures.anchorBirthCertificate.paper;
const population = ours.deployRegistry + MEXICO_POPULATION * perCitizen;
const paperPopulation = paperFigures.deployRegistry.paper + MEXICO_POPULATION * paperPerCitizen;
const perStudent = ours.anchorCurriculum + UNIVERSITY.subjects * ours.addAchievement;
const paperPerStudent = paperFigures.anchorCurriculum.paper + UNIVERSITY.subjects * paperFigures.addAchievement.paper;
const citizenLinks = CITIZEN_CREDENTIALS * ours.linkCredential;
const paperCitizenLinks = CITIZEN_CREDENTIALS * paperFigures.linkCredential.paper;

// Consent and recovery (issue 5), beside the seed paper's Table S1 figures.
const holderRows: [string, number, number | undefined, string][] = [
  ['grantAccess', holder.grantAccess, 50_000, '~71,393'],
  ['grantAccess (named attributes)', holder.grantAccessAttributes, undefined, ''],
  ['revokeAccess', holder.revokeAccess, 30_000, '~29,677'],
  ['logAccess', holder.logAccess, 26_000, '~27,758'],
  ['addGuardian (first)', holder.addGuardian, undefined, '~29,364'],
  ['addGuardian (later)', holder.addGuardianLater, undefined, '~29,364'],
  ['recovery approval 1', holder.recoveryApprove1, undefined, ''],
  ['recovery approval 2', holder.recoveryApprove2, undefined, ''],
  ['recovery finalize', holder.recoveryFinalize, undefined, ''],
  ['recoverIdentity (2-of-3)', holder.recoverIdentity, 200_000, ''],
];
console.log(`\n${'consent and recovery'.padEnd(26)}${'Identree'.padStart(10)}${'target'.padStart(10)}${'seed paper'.padStart(12)}`);
for (const [name, gas, target, paper] of holderRows) {
  console.log(`${name.padEnd(26)}${fmt(gas).padStart(10)}${(target ? `≤${fmt(target)}` : '').padStart(10)}${paper.padStart(12)}`);
}

// Document enrollment (issue 20): ten fields, three verifiers per field, in the enrollment registry.
const enrollmentRows: [string, number, number | undefined][] = [
  ['enrollDocument', enrollment.enrollDocument, undefined],
  ['enrollFromSignature (relay)', enrollment.enrollFromSignature, undefined],
  ['recordAndAttest (30)', enrollment.recordAndAttest, undefined],
  ['attestedDocument', enrollment.attestedDocument, 250_000],
  ['  + anchorCredential', enrollment.attestedDocument + enrollment.anchorCredential, undefined],
  ['confirmField (one, alone)', enrollment.confirmField, undefined],
  ['deploy enrollment registry', enrollment.deployEnrollmentRegistry, undefined],
];
console.log(`\n${'document enrollment'.padEnd(28)}${'Identree'.padStart(10)}${'target'.padStart(10)}`);
for (const [name, gas, target] of enrollmentRows) {
  console.log(`${name.padEnd(28)}${fmt(gas).padStart(10)}${(target ? `≤${fmt(target)}` : '').padStart(10)}`);
}

// Face template commitments (issue 21): one slot per identity in the face template registry.
const faceRows: [string, number][] = [
  ['enrollFaceTemplate', face.enrollFaceTemplate],
  ['reenrollFaceTemplate', face.reenrollFaceTemplate],
  ['eraseFaceTemplate', face.eraseFaceTemplate],
  ['enrollFaceTemplateBySig', face.enrollFaceTemplateBySig],
  ['eraseFaceTemplateBySig', face.eraseFaceTemplateBySig],
  ['deploy face registry', face.deployFaceTemplateRegistry],
];
console.log(`\n${'face template commitments'.padEnd(28)}${'Identree'.padStart(10)}`);
for (const [name, gas] of faceRows) console.log(`${name.padEnd(28)}${fmt(gas).padStart(10)}`);

// Every authority action resolves its caller's key first (issue 23 §1); the README keeps the figures from
// before that change beside these.
console.log(`\n${'authority actions'.padEnd(26)}${'Identree'.padStart(10)}`);
for (const [name, gas] of Object.entries(authority)) console.log(`${name.padEnd(26)}${fmt(gas).padStart(10)}`);
console.log(`${'accreditIssuer'.padEnd(26)}${fmt(gasOf('accreditIssuer(University1)')).padStart(10)}`);

console.log('\nExtrapolations (one transaction per operation, as in the paper)');
console.log(`  ${fmt(MEXICO_POPULATION)} identities + birth certificates: ${sci(population)} gas (paper ${sci(paperPopulation)}), ${fmt(perCitizen)} per citizen (paper ${fmt(paperPerCitizen)})`);
console.log(`  University, ${fmt(UNIVERSITY.students)} students × ${UNIVERSITY.subjects} subjects: ${sci(UNIVERSITY.students * perStudent)} gas (paper ${sci(UNIVERSITY.students * paperPerStudent)})`);
console.log(`  One citizen linking ${CITIZEN_CREDENTIALS} credentials: ${fmt(citizenLinks)} gas (paper ${fmt(paperCitizenLinks)})`);

console.log(
  JSON.stringify({
    registerEntity: ours.registerEntity,
    anchorCredential: ours.anchorBirthCertificate,
    anchorCurriculum: ours.anchorCurriculum,
    linkCredential: ours.linkCredential,
    addAchievement: ours.addAchievement,
    deployRegistry: ours.deployRegistry,
    populationGasPerCitizen: perCitizen,
    populationGas: population,
    universityGas: UNIVERSITY.students * perStudent,
    citizenLinkGas: citizenLinks,
    grantAccess: holder.grantAccess,
    grantAccessAttributes: holder.grantAccessAttributes,
    revokeAccess: holder.revokeAccess,
    logAccess: holder.logAccess,
    addGuardian: holder.addGuardian,
    recoverIdentity: holder.recoverIdentity,
    enrollDocument: enrollment.enrollDocument,
    enrollFromSignature: enrollment.enrollFromSignature,
    confirmField: enrollment.confirmField,
    attestedDocument: enrollment.attestedDocument,
    accreditIssuer: gasOf('accreditIssuer(University1)'),
    enrollFaceTemplate: face.enrollFaceTemplate,
    reenrollFaceTemplate: face.reenrollFaceTemplate,
    eraseFaceTemplate: face.eraseFaceTemplate,
    enrollFaceTemplateBySig: face.enrollFaceTemplateBySig,
    ...authority,
  }),
);
