import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { attributesDigest, createPresentation, WHOLE_CREDENTIAL } from '@identree/sdk';
import QRCode from 'qrcode';
import type { Run } from '../cli/runner.js';
import { address, bytes32, duration, positiveInteger } from '../cli/arguments.js';
import { CliError, usageError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { holderWrite, signHolderMessage } from '../service/holderWrite.js';
import { openWallet, pick, pickEntry } from '../service/wallet.js';
import { showWrite } from '../view/writeSummary.js';
import { drawTree } from '../view/drawTree.js';
import { parseRequestUrl } from '../service/presentationRequest.js';
import { findKey, unlockKey } from '../keys/keystore.js';
import type { Context } from '../cli/context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function holderAct(ctx: Context, name: Parameters<typeof holderWrite>[2], body: Record<string, unknown>, what: string) {
  const { account, connection } = await ctx.authenticated();
  showWrite(ctx.out, what, await holderWrite(connection, account, name, body), body);
}

export function holderCommands(program: Command, run: Run) {
  const wallet = program.command('wallet').description('the credentials delivered to you, opened with your key');
  wallet.command('list')
    .description('list your credentials')
    .action(run(async (ctx) => {
      const entries = await openWallet(ctx);
      const rows = entries.map((e) => ({ id: e.id, uid: e.uid, type: e.credential?.type[1] ?? '(cannot open)', issuer: e.issuer, deliveredAt: e.deliveredAt }));
      ctx.out.result({ credentials: rows }, () => ctx.out.table(['id', 'type', 'uid', 'issuer', 'delivered'], rows.map((r) => [r.id, r.type, r.uid, r.issuer, r.deliveredAt])));
    }));
  wallet.command('show <credential>')
    .description('one credential\'s attributes (by uid, delivery id or type name)')
    .option('--out <file>', 'save the credential document (W3C VC JSON) to a file')
    .option('--jwt <file>', 'save the issuer-signed vc+jwt form, which any JWT library verifies with the issuer\'s DID')
    .action(run(async (ctx, ref: string, opts: { out?: string; jwt?: string }) => {
      const entry = pickEntry(await openWallet(ctx), ref);
      const credential = entry?.credential;
      if (!credential) throw new CliError('not_found', `no credential "${ref}" in your wallet`, ExitCode.refused, 'list them with `identree wallet list`');
      if (opts.jwt && !entry.jwt) throw new CliError('jwt_unavailable', `the issuer of ${credential.proof.uid} sent no vc+jwt form`, ExitCode.refused, 'ask the issuer to deliver it again with `identree credential deliver`');
      if (opts.out) writeFileSync(opts.out, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
      if (opts.jwt) writeFileSync(opts.jwt, `${entry.jwt}\n`, { mode: 0o600 });
      ctx.out.result(credential, () => {
        ctx.out.fields([['type', credential.type[1]], ['uid', credential.proof.uid], ['issuer', credential.issuer], ['valid from', credential.validFrom]]);
        ctx.out.table(['attribute', 'value'], Object.entries(credential.credentialSubject).filter(([k]) => k !== 'id'));
      });
    }));

  program.command('tree [address]')
    .description('the identity tree (yours, or anyone\'s public one), drawn in the terminal')
    .action(run(async (ctx, who?: string) => {
      const holder = who ? address(who) : ctx.identity();
      const api = ctx.connection.api(false);
      const [tree, entity] = await Promise.all([
        ctx.connection.expect(api.GET('/entities/{address}/tree', { params: { path: { address: holder } } })),
        api.GET('/entities/{address}', { params: { path: { address: holder } } }).then((r) => r.data),
      ]);
      ctx.out.result({ ...tree, entity }, () => drawTree(ctx.out, holder, entity as never, tree.credentials as never));
    }));

  for (const [verb, name, done] of [['link', 'link-credential', 'linked'], ['unlink', 'unlink-credential', 'unlinked']] as const) {
    program.command(`${verb} <uid>`)
      .description(`${verb} a credential ${verb === 'link' ? 'into' : 'from'} your identity tree (signed by you, paid by the service)`)
      .action(run(async (ctx, uid: string) => holderAct(ctx, name, { holder: ctx.identity(), uid: bytes32(uid) }, `${done} ${uid}`)));
  }

  program.command('present')
    .description('prove chosen attributes to a verifier: writes a presentation bound to its audience and nonce')
    .option('--request <url>', 'the verifier\'s request URL (from `identree request`): audience, nonce and attributes')
    .option('--audience <id>', 'the verifier (without --request)').option('--nonce <hex>', 'the verifier\'s nonce (without --request)')
    .option('--disclose <credential:attrs>', 'which attributes of which credential, e.g. BirthCertificate:ageOver18 (repeat)', collect)
    .option('--out <file>', 'write the presentation here (default: standard output)')
    .option('--qr', 'also print the presentation as a QR code, if it fits in one')
    .addHelpText('after', '\nExamples:\n  identree present --request "identree:present?audience=https%3A%2F%2Fbank.example&nonce=0x…&attributes=ageOver18" --out proof.json\n  identree present --audience https://bank.example --nonce 0x… --disclose BirthCertificate:ageOver18 --disclose ScholarCurriculum:program')
    .action(run(async (ctx, opts: { request?: string; audience?: string; nonce?: string; disclose?: string[]; out?: string; qr?: boolean }) => {
      const request = opts.request ? parseRequestUrl(opts.request) : undefined;
      const audience = request?.audience ?? opts.audience;
      const nonce = request?.nonce ?? opts.nonce;
      if (!audience || !nonce) throw usageError('a presentation needs --request, or --audience and --nonce');
      const entries = await openWallet(ctx);
      const disclose = opts.disclose?.length
        ? opts.disclose.map((spec) => {
          const [ref, attrs] = spec.split(':');
          const credential = pick(entries, ref ?? '');
          if (!credential || !attrs) throw usageError(`--disclose "${spec}": no such credential in your wallet, or no attributes`, 'write it as <type|uid>:<attr>,<attr>');
          return { credential, attributes: attrs.split(',') };
        })
        : discloseFor(entries, request?.attributes ?? []);
      const presentation = await createPresentation({ holder: await ctx.signer(), identity: ctx.identity(), audience, nonce: nonce as `0x${string}`, disclose });
      const text = JSON.stringify(presentation, null, 2);
      if (opts.out) writeFileSync(opts.out, `${text}\n`);
      if (opts.qr) {
        try {
          process.stderr.write(await QRCode.toString(JSON.stringify(presentation), { type: 'terminal', small: true }));
        } catch {
          ctx.out.note(`the presentation (${JSON.stringify(presentation).length} bytes) is too large for one QR code; send the file instead`);
        }
      }
      if (opts.out) ctx.out.result({ file: opts.out, audience, nonce, credentials: presentation.credentials.length }, () => ctx.out.line(`presentation written to ${opts.out}`));
      else ctx.out.line(text);
    }));

  program.command('grant <uid>')
    .description('let a verifier read a credential (or some of its attributes) for a while; every read is logged')
    .requiredOption('--verifier <address>', 'who may read it').option('--for <duration>', 'how long: 30m, 12h, 7d', '1d')
    .option('--attrs <names>', 'only these attributes (comma-separated); default the whole credential')
    .addHelpText('after', '\nExample:\n  identree grant 0xBirthUid… --verifier 0xBank… --for 7d --attrs ageOver18,municipality')
    .action(run(async (ctx, uid: string, opts: { verifier: string; for: string; attrs?: string }) => {
      const attributes = opts.attrs ? attributesDigest(opts.attrs.split(',').map((a) => a.trim())) : WHOLE_CREDENTIAL;
      await holderAct(ctx, 'grant-access', { holder: ctx.identity(), verifier: address(opts.verifier, 'verifier address'), uid: bytes32(uid), duration: duration(opts.for), attributes }, `granted access to ${uid}`);
    }));
  program.command('revoke-grant <uid>')
    .description('end a verifier\'s access to a credential now')
    .requiredOption('--verifier <address>', 'whose access ends')
    .action(run(async (ctx, uid: string, opts: { verifier: string }) =>
      holderAct(ctx, 'revoke-access', { holder: ctx.identity(), verifier: address(opts.verifier, 'verifier address'), uid: bytes32(uid) }, `revoked access to ${uid}`)));
  program.command('grants')
    .description('who may read your credentials, until when')
    .action(run(async (ctx) => {
      const { connection } = await ctx.authenticated();
      const data = await connection.expect(connection.api().GET('/me/grants'));
      ctx.out.result(data, () => ctx.out.table(['verifier', 'credential', 'until', 'state'], data.grants.map((g) => [g.verifier, g.uid, new Date(g.expiresAt * 1000).toISOString(), g.revoked ? 'revoked' : g.live ? 'live' : 'expired'])));
    }));
  program.command('access-log')
    .description('every read of your credentials by a verifier, from the chain')
    .option('--limit <n>', 'entries', positiveInteger('--limit'), 50)
    .action(run(async (ctx, opts: { limit: number }) => {
      const { connection } = await ctx.authenticated();
      const data = await connection.expect(connection.api().GET('/me/access-log', { params: { query: { limit: String(opts.limit) } } }));
      ctx.out.result(data, () => ctx.out.table(['when', 'verifier', 'credential', 'allowed'], data.entries.map((e) => [e.blockTime ? new Date(e.blockTime * 1000).toISOString() : '', e.verifier, e.uid, e.success])));
    }));

  const guardian = program.command('guardian').description('the people who can recover your identity if you lose your key');
  for (const [verb, name] of [['add', 'add-guardian'], ['remove', 'remove-guardian']] as const) {
    guardian.command(`${verb} <guardian>`)
      .description(`${verb} a guardian, setting how many guardians must approve a recovery`)
      .requiredOption('--threshold <n>', 'approvals a recovery needs', positiveInteger('--threshold'))
      .action(run(async (ctx, who: string, opts: { threshold: number }) =>
        holderAct(ctx, name, { identity: ctx.identity(), guardian: address(who, 'guardian address'), threshold: opts.threshold }, `${verb === 'add' ? 'added' : 'removed'} guardian ${who}`)));
  }

  const recovery = program.command('recovery').description('guardians move a lost identity to a new key');
  recovery.command('approve <identity>')
    .description('as a guardian, approve moving <identity> to a new key')
    .requiredOption('--new-key <address>', 'the key the identity moves to')
    .action(run(async (ctx, who: string, opts: { newKey: string }) =>
      holderAct(ctx, 'approve-recovery', { guardian: ctx.identity(), identity: address(who), newKey: address(opts.newKey, 'new key') }, `approved recovery of ${who}`)));
  recovery.command('cancel')
    .description('cancel a recovery of your identity (you still hold your key)')
    .action(run(async (ctx) => holderAct(ctx, 'cancel-recovery', { identity: ctx.identity() }, 'cancelled the pending recovery')));
  recovery.command('finalize <identity>')
    .description('complete an approved recovery once its waiting period has passed')
    .requiredOption('--new-key <address>', 'the key the identity moves to')
    .action(run(async (ctx, who: string, opts: { newKey: string }) => {
      const { connection } = await ctx.authenticated();
      const body = { identity: address(who), newKey: address(opts.newKey, 'new key') };
      const record = await connection.expect(connection.api().POST('/recoveries/finalize', { body, params: { header: { 'idempotency-key': `cli-finalize-${body.identity}-${body.newKey}` } } }));
      showWrite(ctx.out, `recovered ${who} to ${opts.newKey}`, record as never, body);
    }));
  recovery.command('status <identity>')
    .description('an identity\'s guardians, threshold and pending recoveries (the identity or one of its guardians asks)')
    .action(run(async (ctx, who: string) => {
      const { connection } = await ctx.authenticated();
      const data = await connection.expect(connection.api().GET('/identities/{address}/guardians', { params: { path: { address: address(who) } } }));
      ctx.out.result(data, () => ctx.out.fields(Object.entries(data as Record<string, unknown>)));
    }));

  program.commands.find((c) => c.name() === 'key')!.command('rotate')
    .description('move your identity to another key in your keystore; the old key then acts for nobody')
    .requiredOption('--to <name>', 'the new key (create it first with `identree key create`)')
    .action(run(async (ctx, opts: { to: string }) => {
      const { account, connection } = await ctx.authenticated();
      const next = (await unlockKey(findKey(opts.to))).account;
      const deadline = Math.floor(Date.now() / 1000) + 600;
      const body = { identity: ctx.identity(), newKey: next.address, deadline };
      const old = await signHolderMessage(connection, account, 'rotate-key', body);
      const fresh = await signHolderMessage(connection, next, 'accept-key', body);
      const record = await connection.expect(connection.api().POST('/keys/rotate', {
        body: { ...body, keySignature: old.signature, newKeySignature: fresh.signature },
        params: { header: { 'idempotency-key': `cli-rotate-${body.identity}-${body.newKey}` } },
      }));
      showWrite(ctx.out, `moved ${body.identity} to key ${opts.to} (${next.address})`, record as never, { identity: body.identity, newKey: next.address });
    }));
}

/** For a request that names attributes: each from the first credential that has it. */
function discloseFor(entries: Awaited<ReturnType<typeof openWallet>>, attributes: string[]) {
  if (attributes.length === 0) throw usageError('say what to disclose: --disclose <type|uid>:<attrs>, or a --request that names attributes');
  const chosen = new Map<string, { credential: NonNullable<(typeof entries)[number]['credential']>; attributes: string[] }>();
  for (const name of attributes) {
    const entry = entries.find((e) => e.credential && name in e.credential.credentialSubject);
    if (!entry?.credential) throw new CliError('attribute_unavailable', `no credential in your wallet has "${name}"`, ExitCode.refused, 'ask an issuer for one, or pick with --disclose');
    const slot = chosen.get(entry.uid) ?? { credential: entry.credential, attributes: [] };
    slot.attributes.push(name);
    chosen.set(entry.uid, slot);
  }
  return [...chosen.values()];
}
