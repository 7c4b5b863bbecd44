import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createClient, createWalletClient, custom, http, numberToHex, type Address, type Hash, type LocalAccount } from 'viem';
import { accreditVerifier, enrollDocument, RegistryRevertError, signFieldConfirmation } from '@identree/sdk';
import type { Run } from '../cli/runner.js';
import { CliError, usageError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import type { Context } from '../cli/context.js';
import { address, bytes32 } from '../cli/arguments.js';
import { serviceChain } from '../service/issuance.js';
import type { Connection } from '../service/connection.js';

type Task = { field: number; slot: number; name: string; crop: string; text: string; fieldHash: Hash; committedTextHash: Hash };

/** The enrollment registry is a contract of its own beside the identity registry; the service announces it in its banner. */
function enrollmentRegistry(value?: string): Address {
  const given = value ?? process.env.IDENTREE_ENROLLMENT_REGISTRY;
  if (!given) throw usageError('no enrollment registry given', 'pass --enrollment-registry <address> (the service prints it as "enrollment" when it starts) or set IDENTREE_ENROLLMENT_REGISTRY');
  return address(given, 'enrollment registry address');
}

function readPhoto(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new CliError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`, ExitCode.invalid);
  }
}

/** PNG and JPEG by their first bytes; anything else is sent as plain bytes and the service says what it is not. */
function contentType(image: Uint8Array): string {
  if (image[0] === 0x89 && image[1] === 0x50) return 'image/png';
  if (image[0] === 0xff && image[1] === 0xd8) return 'image/jpeg';
  return 'application/octet-stream';
}

/** A wallet on the profile's node: the enrollment registry's writes are sent by the key itself, not relayed by the service. */
function nodeWallet(ctx: Context, account: LocalAccount, chainId: number) {
  const rpc = ctx.profile.rpc!;
  return createWalletClient({ account, chain: { id: chainId, name: 'identree', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpc] } } }, transport: http(rpc) });
}

/** A registry revert as the CLI's refusal: its typed error's name as the code, its sentence as the message. */
function refusedByRegistry(error: unknown, hint?: string): unknown {
  if (!(error instanceof RegistryRevertError)) return error;
  const code = String(error.errorName).replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
  return new CliError(code, error.shortMessage, ExitCode.refused, hint);
}

async function submit(ctx: Context, file: string, opts: { template: string; enrollmentRegistry?: string; out?: string }) {
  const registry = enrollmentRegistry(opts.enrollmentRegistry);
  if (!ctx.profile.rpc) throw usageError('recording the enrollment needs a node: the enrollee sends `enroll` itself', 'pass --rpc URL (or set it in a profile); the key needs ether to pay for it');
  const image = readPhoto(file);
  const { account, connection } = await ctx.authenticated();
  const submitted = await connection.expect(connection.api().POST('/enrollments/documents', {
    params: { query: { template: opts.template } },
    body: image as never,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'content-type': contentType(image) },
  }));
  // The salts open the commitments later (disclosure): they exist only in this answer, so they are kept first.
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(submitted, null, 2)}\n`, { mode: 0o600 });
  const { chainId } = await serviceChain(connection);
  const onChain = await enrollDocument(nodeWallet(ctx, account, chainId), { enrollmentRegistry: registry, imageHash: submitted.imageHash as Hash, fieldsRoot: submitted.fieldsRoot as Hash, fieldCount: submitted.fieldCount });
  if (onChain.enrollment.toLowerCase() !== submitted.enrollment.toLowerCase()) {
    throw new CliError('enrollment_mismatch', `the registry recorded ${onChain.enrollment}, the service expected ${submitted.enrollment}`, ExitCode.unavailable);
  }
  ctx.out.result({ ...submitted, transactionHash: onChain.hash, ...(opts.out ? { savedTo: opts.out } : {}) }, () => {
    ctx.out.fields([['enrollment', submitted.enrollment], ['image hash', submitted.imageHash], ['fields root', submitted.fieldsRoot], ['transaction', onChain.hash], ...(opts.out ? [['salts saved to', opts.out] as [string, unknown]] : [])]);
    ctx.out.table(['field', 'read', 'problems'], submitted.fields.map((f) => [f.name, f.value, f.problems.join(', ')]));
    if (!opts.out) ctx.out.note('the salts that open these commitments are only in this answer: run with --json or --out to keep them');
  });
}

async function fetchTasks(ctx: Context, enrollment: Hash): Promise<Task[]> {
  const { connection } = await ctx.authenticated();
  const { tasks } = await connection.expect(connection.api().GET('/enrollments/{enrollment}/tasks', { params: { path: { enrollment } } }));
  return tasks as Task[];
}

async function tasks(ctx: Context, enrollment: Hash, opts: { crops?: string }) {
  const assigned = await fetchTasks(ctx, enrollment);
  if (opts.crops) for (const t of assigned) writeFileSync(`${opts.crops.replace(/\/+$/, '')}/${enrollment.slice(0, 10)}-${t.field}-${t.name}.png`, Buffer.from(t.crop, 'base64'));
  ctx.out.result({ enrollment, tasks: assigned }, () =>
    ctx.out.table(['field', 'name', 'slot', 'text read'], assigned.map((t) => [t.field, t.name, t.slot, t.text])));
}

/** Signing needs only the chain id (EIP-712 domain); no node is asked anything. */
function signingClient(account: LocalAccount, chainId: number) {
  return createClient({ account, transport: custom({ request: async ({ method }: { method: string }) => {
    if (method === 'eth_chainId') return numberToHex(chainId);
    throw new Error(`${method} is not available while signing offline`);
  } }) });
}

async function confirm(ctx: Context, enrollment: Hash, opts: { field?: string; correct?: string; enrollmentRegistry?: string }) {
  const registry = enrollmentRegistry(opts.enrollmentRegistry);
  if (opts.correct !== undefined && opts.field === undefined) throw usageError('--correct needs --field: a correction is for one field', 'identree enrollment confirm <id> --field Name --correct "NGUYEN VAN ANH"');
  const assigned = await fetchTasks(ctx, enrollment);
  if (assigned.length === 0) throw new CliError('no_tasks', `no field of ${enrollment} is assigned to ${ctx.address()}`, ExitCode.refused, 'only the verifiers the registry drew for a field may answer it');
  const chosen = opts.field === undefined ? assigned : assigned.filter((t) => t.name.toLowerCase() === opts.field!.toLowerCase() || String(t.field) === opts.field);
  if (chosen.length === 0) {
    throw new CliError('verifier_not_assigned', `field ${opts.field} of ${enrollment} is not assigned to ${ctx.address()}`, ExitCode.refused, `yours: ${assigned.map((t) => `${t.field} ${t.name}`).join(', ')}`);
  }
  const { account, connection } = await ctx.authenticated();
  const { chainId } = await serviceChain(connection);
  const client = signingClient(account, chainId);
  const answers: SentAnswer[] = [];
  for (const task of chosen) {
    // A correction commits to the text under a fresh salt (the SDK draws it), so even a one-letter value is not
    // guessable on chain; the text and salt go to the service, which keeps them off chain beside the answer.
    const signed = await signFieldConfirmation(client, {
      account, enrollmentRegistry: registry, enrollment, field: task.field, slot: task.slot, fieldHash: task.fieldHash, committedTextHash: task.committedTextHash,
      ...(opts.correct === undefined ? {} : { correctedText: opts.correct }),
    });
    const { correction } = signed;
    const sent = { field: task.field, name: task.name, slot: task.slot, text: task.text, answer: correction ? 'corrected' : 'confirmed', ...(correction ? { correctedText: correction.text } : {}) } as const;
    try {
      const { pending } = await connection.expect(connection.api().POST('/enrollments/{enrollment}/confirmations', { params: { path: { enrollment } }, body: signed }));
      answers.push({ ...sent, taken: true, ...(correction ? { correctionSalt: correction.salt, textHash: signed.textHash } : {}), pending });
    } catch (error) {
      // The slot keeps its first answer: this one is reported as not taken, and the other fields are still sent.
      if (!(error instanceof CliError) || error.code !== 'already_answered') throw error;
      answers.push({ ...sent, taken: false, notTakenBecause: error.message });
    }
  }
  const notTaken = answers.filter((a) => !a.taken);
  ctx.out.result({ enrollment, answers }, () => {
    ctx.out.table(['field', 'name', 'text read', 'answer'], answers.map((a) => [a.field, a.name, a.text, answerCell(a)]));
    const taken = answers.length - notTaken.length;
    ctx.out.note(`${taken} signed answer${taken === 1 ? '' : 's'} taken; the identity provider records them on chain`);
  });
  if (notTaken.length) {
    for (const a of notTaken) ctx.out.note(`${a.name}: ${a.notTakenBecause}`);
    // With --json the answers above are the one document, so only the exit code says it.
    throw new CliError('already_answered', `${notTaken.length} answer${notTaken.length === 1 ? ' was' : 's were'} not taken: ${notTaken.map((a) => a.name).join(', ')} already had an answer from you`,
      ExitCode.refused, 'a field keeps the first answer you sent for it; the others above were taken', ctx.out.json ? { reported: true } : undefined);
  }
}

type SentAnswer = {
  field: number; name: string; slot: number; text: string; answer: 'confirmed' | 'corrected'; correctedText?: string;
  /** False when the service kept an earlier answer for the slot instead: `notTakenBecause` says so. */
  taken: boolean;
  notTakenBecause?: string;
  correctionSalt?: string; textHash?: Hash; pending?: number;
};

const answerCell = (a: SentAnswer) => {
  const said = a.answer === 'corrected' ? `corrected to ${a.correctedText}` : 'confirmed';
  return a.taken ? said : `NOT TAKEN (${said}): already answered`;
};

/** The uid in `credential issue`'s answer, or in the credential file it saved with --out. */
function credentialUid(value: string): Hash {
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value as Hash;
  if (!existsSync(value)) throw usageError(`--credential ${value} is neither a credential uid (0x + 64 hex) nor a file`, 'pass the uid `identree credential issue` printed, or the file it wrote with --out');
  let uid: unknown;
  try {
    uid = (JSON.parse(readFileSync(value, 'utf8')) as { proof?: { uid?: unknown } }).proof?.uid;
  } catch (error) {
    throw new CliError('file_unreadable', `cannot read ${value} as a credential: ${(error as Error).message}`, ExitCode.invalid);
  }
  if (typeof uid !== 'string') throw new CliError('file_unreadable', `${value} holds no credential (no proof.uid)`, ExitCode.invalid, 'pass the file `identree credential issue --out` wrote');
  return bytes32(uid, 'credential uid');
}

/**
 * The commitment the registry's attestation takes. The registry names the credential by
 * keccak256(caller, commitment), which is the uid `credential issue` prints: passing that uid as the
 * commitment named a credential that does not exist (enrollment_credential_invalid). So the uid is
 * looked up here, and a credential another key issued is refused before anything is sent.
 */
async function attestedCommitment(connection: Connection, provider: Address, opts: { credential?: string; commitment?: string }): Promise<Hash> {
  if ((opts.credential === undefined) === (opts.commitment === undefined)) {
    throw usageError('pass the credential you issued for the enrollee: --credential <uid|file>, or --commitment <hex>', 'identree enrollment attest 0x5e1f… --credential 0x9ab2… (the uid `identree credential issue` printed)');
  }
  if (opts.commitment !== undefined) return bytes32(opts.commitment, 'credential commitment');
  const uid = credentialUid(opts.credential!);
  const found = await connection.api(false).GET('/credentials/{uid}', { params: { path: { uid } } });
  if (found.response.status === 404) {
    throw new CliError('credential_not_found', `no credential ${uid} is anchored`, ExitCode.refused, 'issue it first with `identree credential issue --subject <enrollee> …` and pass the uid it prints');
  }
  const credential = await connection.expect(Promise.resolve(found));
  if (credential.issuer.toLowerCase() !== provider.toLowerCase()) {
    throw new CliError('credential_not_yours', `credential ${uid} was issued by ${credential.issuer}, not by ${provider}, who attests`, ExitCode.refused, 'issue the enrollee\'s credential with the identity provider\'s key, the one that attests');
  }
  return credential.commitment as Hash;
}

async function attest(ctx: Context, enrollment: Hash, opts: { credential?: string; commitment?: string }) {
  const { account, connection } = await ctx.authenticated();
  const credentialCommitment = await attestedCommitment(connection, account.address, opts);
  const attested = await connection.expect(connection.api().POST('/enrollments/{enrollment}/attestation', { params: { path: { enrollment } }, body: { credentialCommitment } }));
  ctx.out.result({ enrollment, ...attested }, () => ctx.out.fields([['enrollment', enrollment], ['attested with', attested.credential], ['batches recorded', attested.batches]]));
}

async function accredit(ctx: Context, who: string, opts: { enrollmentRegistry?: string }) {
  const registry = enrollmentRegistry(opts.enrollmentRegistry);
  const verifier = address(who, 'verifier address');
  if (!ctx.profile.rpc) throw usageError('accrediting a verifier needs a node: the government sends it to the enrollment registry itself', 'pass --rpc URL (or set it in a profile)');
  const account = await ctx.signer();
  const { chainId } = await serviceChain(ctx.connection);
  let accredited: Awaited<ReturnType<typeof accreditVerifier>>;
  try {
    accredited = await accreditVerifier(nodeWallet(ctx, account, chainId), { enrollmentRegistry: registry, verifier });
  } catch (error) {
    throw refusedByRegistry(error, 'a government accredits a registered, active person or organization, once');
  }
  ctx.out.result({ verifier, index: accredited.index, transactionHash: accredited.hash }, () =>
    ctx.out.fields([['accredited verifier', verifier], ['pool index', accredited.index], ['transaction', accredited.hash]]));
}

async function proof(ctx: Context, enrollment: Hash) {
  const p = await ctx.connection.expect(ctx.connection.api(false).GET('/enrollments/{enrollment}/proof', { params: { path: { enrollment } } }));
  ctx.out.result(p, () => {
    ctx.out.fields([['enrollment', p.enrollment], ['status', p.status], ['sound', p.sound ? 'yes' : 'no'], ['image hash', p.imageHash], ['confirmations', p.confirmations.length]]);
    ctx.out.table(['field', 'outcome', 'text hash'], p.fields.map((f) => [f.field, f.outcome, f.textHash]));
    const faults = p.confirmations.filter((c) => c.fault !== 'None');
    if (faults.length) ctx.out.table(['batch', 'field', 'verifier', 'fault'], faults.map((c) => [c.batch, c.field, c.verifier, c.fault]));
  });
  // A check that only prints would let a script pass an unsound enrollment.
  if (!p.sound) throw new CliError('enrollment_not_sound', `${enrollment} is ${p.status}${p.confirmations.some((c) => c.fault !== 'None') ? ', and a confirmation does not check' : ''}`, ExitCode.invalid);
}

const id = (value: string) => bytes32(value, 'enrollment id');

export function enrollmentCommands(program: Command, run: Run) {
  const enrollment = program.command('enrollment').description('document enrollment: an identity document read field by field, confirmed by verifiers, attested by the identity provider');
  enrollment.command('submit <photo>')
    .description('upload a photo of your identity document (PNG or JPEG) and record its commitment on chain with your key')
    .requiredOption('--template <name>', 'the document template: residence-card, national-id or passport-td3')
    .option('--enrollment-registry <address>', 'the enrollment registry (default IDENTREE_ENROLLMENT_REGISTRY)')
    .option('--out <file>', 'also keep the answer, with the salts that open your field commitments, in this file')
    .addHelpText('after', '\nExample:\n  identree enrollment submit card.jpg --template residence-card --rpc http://127.0.0.1:8545 --out card-salts.json')
    .action(run(async (ctx, photo: string, opts) => submit(ctx, photo, opts)));
  enrollment.command('tasks <enrollment>')
    .description('a verifier\'s assigned fields of an enrollment: the text read from each crop')
    .option('--crops <dir>', 'write each field\'s crop as a PNG into this folder, to look at')
    .addHelpText('after', '\nExample:\n  identree enrollment tasks 0x5e1f… --key verifier --crops ./crops')
    .action(run(async (ctx, e: string, opts) => tasks(ctx, id(e), opts)));
  enrollment.command('confirm <enrollment>')
    .description('sign and send your answers: confirm every assigned field, or correct one with --field and --correct; a field you already answered keeps its first answer (listed as not taken, exit 3)')
    .option('--field <name>', 'only this field (its name or number)')
    .option('--correct <text>', 'with --field: the text the crop really shows')
    .option('--enrollment-registry <address>', 'the enrollment registry (default IDENTREE_ENROLLMENT_REGISTRY)')
    .addHelpText('after', '\nExamples:\n  identree enrollment confirm 0x5e1f… --key verifier\n  identree enrollment confirm 0x5e1f… --field Name --correct "NGUYEN VAN ANH"')
    .action(run(async (ctx, e: string, opts) => confirm(ctx, id(e), opts)));
  enrollment.command('accredit <verifier>')
    .description('government: accredit a registered person or organization as a document verifier (sent with your key to --rpc)')
    .option('--enrollment-registry <address>', 'the enrollment registry (default IDENTREE_ENROLLMENT_REGISTRY)')
    .addHelpText('after', '\nExample:\n  identree enrollment accredit 0xVerifier… --key ministry --rpc http://127.0.0.1:8545')
    .action(run(async (ctx, v: string, opts) => accredit(ctx, v, opts)));
  enrollment.command('attest <enrollment>')
    .description('identity provider: record the answers on chain and attest the enrollment with the credential you issued for the enrollee')
    .option('--credential <uid|file>', 'the credential you issued for the enrollee: the uid `identree credential issue` printed, or the file it wrote with --out')
    .option('--commitment <hex>', 'instead of --credential: that credential\'s commitment')
    .addHelpText('after', '\nExamples:\n  identree enrollment attest 0x5e1f… --credential 0x9ab2… --key provider\n  identree enrollment attest 0x5e1f… --credential card-credential.json --key provider')
    .action(run(async (ctx, e: string, opts) => attest(ctx, id(e), opts)));
  enrollment.command('proof <enrollment>')
    .description('check an enrollment: its standing, field outcomes and every confirmation on its own (exit 1 unless attested and sound)')
    .addHelpText('after', '\nExample:\n  identree enrollment proof 0x5e1f… --json')
    .action(run(async (ctx, e: string) => proof(ctx, id(e))));
}
