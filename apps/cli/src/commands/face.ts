import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LocalAccount, TypedDataDefinition } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { sealFaceTemplate, type FaceTemplateEnvelope } from '@identree/sdk';
import { BiometricsError, extractFace, faceThreshold, FaceTemplateModelMismatchError, livenessChallengeHash, matchFaceTemplate, signFaceLogin, type LivenessChallenge } from '@identree/biometrics';
import type { Run } from '../cli/runner.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import type { Context } from '../cli/context.js';
import type { Connection } from '../service/connection.js';

type Action = 'enroll' | 'reenroll' | 'erase';

/**
 * The photo's one face, embedded on this machine (models from the installed package, nothing fetched); with
 * `spoofGate`, also read by human's antispoof and liveness models (the service's anti-spoof policy asks for them).
 */
async function embedPhoto(file: string, { spoofGate = false } = {}) {
  let image: Uint8Array;
  try {
    image = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new CliError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`, ExitCode.invalid);
  }
  const { createHumanEngine } = await import('@identree/biometrics/human');
  const engine = await createHumanEngine({ spoofGate });
  try {
    const face = await extractFace({ engine, image });
    return { embedding: face.embedding, model: engine.model, spoof: face.spoof };
  } catch (error) {
    if (error instanceof BiometricsError) throw new CliError('bad_photo', `${file}: ${error.message}`, ExitCode.invalid);
    throw error;
  } finally {
    await engine.dispose();
  }
}

/** The service prepares the EIP-712 message (its domain, the current nonce); the key signs it here. */
async function signFaceMessage(connection: Connection, account: LocalAccount, action: Action, body: { identity: string; templateVersion: number; cid?: string }) {
  const typed = await connection.expect(connection.api(false).POST('/prepare/face/{action}', { params: { path: { action } }, body: body as never })) as {
    domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown>;
  };
  const message: Record<string, unknown> = { ...typed.message, nonce: BigInt(typed.message.nonce as string), deadline: BigInt(typed.message.deadline as string) };
  const signature = await account.signTypedData({ ...typed, message } as unknown as TypedDataDefinition);
  return { action, identity: body.identity, ...(message.cid ? { cid: message.cid } : {}), templateVersion: body.templateVersion, nonce: String(message.nonce), deadline: String(message.deadline), signature };
}

async function enroll(ctx: Context, file: string) {
  const { account, connection } = await ctx.authenticated();
  const identity = ctx.identity();
  const status = await connection.expect(connection.api(false).GET('/face/templates/{identity}', { params: { path: { identity } } }));
  const action: Action = status.status === 'enrolled' ? 'reenroll' : 'enroll';
  const templateVersion = status.templateVersion + 1;
  const { embedding, model } = await embedPhoto(file);
  const { envelope, ciphertext } = sealFaceTemplate({ holder: identity, embedding, templateVersion, recipients: [account.publicKey] });
  embedding.fill(0);
  const signed = await signFaceMessage(connection, account, action, { identity, templateVersion, cid: envelope.cid });
  const body = { model, envelope, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed } as never;
  const api = connection.api();
  const stored = await connection.expect(action === 'enroll' ? api.POST('/face/templates', { body }) : api.PUT('/face/templates', { body }));
  ctx.out.result({ action, ...stored }, () => ctx.out.fields([
    ['face template', action === 'enroll' ? 'enrolled' : 're-enrolled'], ['version', stored.templateVersion], ['CID', stored.cid], ['transaction', stored.transactionHash],
  ]));
}

async function login(ctx: Context, file: string) {
  const account = await ctx.signer();
  const connection = ctx.connection;
  const identity = ctx.identity();
  // The sealed template goes only to the identity's current key: first a SIWE proof over a fresh nonce.
  const n = await connection.expect(connection.api(false).POST('/auth/nonce'));
  const request = createSiweMessage({
    domain: n.domain, uri: n.uri, chainId: n.chainId, version: '1', statement: n.statement, nonce: n.nonce, address: account.address, issuedAt: new Date(),
    resources: ['urn:identree:face-template-request'],
  });
  const c = await connection.expect(connection.api(false).POST('/auth/face/challenge', { body: { message: request, signature: await account.signMessage({ message: request }) } }));
  if (c.identity.toLowerCase() !== identity.toLowerCase()) throw new CliError('not_found', `this key acts for ${c.identity}, not ${identity}`, ExitCode.refused);
  const envelope = c.template.envelope as FaceTemplateEnvelope;
  const gate = (c.challenge as LivenessChallenge).spoofGate;
  const { embedding, model, spoof } = await embedPhoto(file, { spoofGate: gate !== undefined });
  if (model !== c.template.model) {
    embedding.fill(0);
    throw new CliError('template_model_outdated', new FaceTemplateModelMismatchError(c.template.model, model).message, ExitCode.refused, 'identree face enroll <photo>');
  }
  // The comparison runs here, where the key is; the service learns the outcome, never the score. The match
  // report, its hash and the SIWE message are the web app's (signFaceLogin), so both devices sign the same.
  const template = { envelope, model: c.template.model, ciphertext: new Uint8Array(Buffer.from(c.template.ciphertext, 'base64url')) };
  const { matched, threshold } = matchFaceTemplate({ embedding, model, template, privateKey: await ctx.privateKey(), threshold: faceThreshold(model) });
  const match = { outcome: matched ? 'matched' as const : 'not-matched' as const, cid: envelope.cid, templateVersion: envelope.templateVersion, model: c.template.model, threshold };
  // The service's anti-spoof policy, checked here as the web app checks it (for a face that matched; a mismatch is
  // reported whatever the photo is). A refusal sends nothing, and the scores stay on this machine.
  if (matched && gate && !(spoof && spoof.real >= gate.minReal && spoof.live >= gate.minLive)) {
    throw new CliError('spoof_suspected', `${file}: this service checks that the photo is of a live face (FACE_ANTISPOOF), and its anti-spoof models read this one as a photo or a screen; nothing was sent`, ExitCode.refused);
  }
  const siwe = { domain: c.domain, uri: c.uri, chainId: c.chainId, nonce: c.nonce, statement: c.statement };
  const { message, signature } = await signFaceLogin({ account, siwe, match, livenessHash: livenessChallengeHash(c.challenge as LivenessChallenge), outcome: match.outcome });
  const token = await connection.expect(connection.api(false).POST('/auth/face/login', { body: { message, signature, match } }));
  ctx.out.result({ address: token.address, role: token.role, amr: token.amr, expiresIn: token.expiresIn, accessToken: token.accessToken }, () => ctx.out.fields([
    ['signed in as', token.address], ['role', token.role], ['methods', token.amr.join(', ')], ['expires in', `${token.expiresIn} s`],
  ]));
}

async function erase(ctx: Context) {
  const { account, connection } = await ctx.authenticated();
  const identity = ctx.identity();
  const status = await connection.expect(connection.api(false).GET('/face/templates/{identity}', { params: { path: { identity } } }));
  if (status.status !== 'enrolled') throw new CliError('not_found', `${identity} has no face template to erase`, ExitCode.refused);
  const signed = await signFaceMessage(connection, account, 'erase', { identity, templateVersion: status.templateVersion });
  const erased = await connection.expect(connection.api().DELETE('/face/templates', { body: { signed } as never }));
  ctx.out.result({ erased: true, ...erased }, () => ctx.out.fields([['face template', 'erased'], ['version', erased.templateVersion], ['transaction', erased.transactionHash]]));
}

export function faceCommands(program: Command, run: Run) {
  const face = program.command('face').description('face login: a face template sealed to your key, matched on this machine');
  face.command('enroll <photo>')
    .description('enroll (or replace) your face template from a photo of your face alone; the service keeps only ciphertext')
    .addHelpText('after', '\nExample:\n  identree face enroll me.jpg')
    .action(run(async (ctx, photo: string) => enroll(ctx, photo)));
  face.command('login <photo>')
    .description('sign in with your face: matched here against your template, signed with your key (no liveness check from a still file)')
    .addHelpText('after', '\nExample:\n  identree face login today.jpg --json')
    .action(run(async (ctx, photo: string) => login(ctx, photo)));
  face.command('erase')
    .description('erase your face template: the erasure is recorded on chain, the keys destroyed and the ciphertext deleted')
    .addHelpText('after', '\nExample:\n  identree face erase --key citizen')
    .action(run(async (ctx) => erase(ctx)));
}
