import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { commitAttributes, credentialSchemas, CredentialType, type IdentreeCredential } from '@identree/sdk';
import type { Run } from '../cli/runner.js';
import { address, bytes32 } from '../cli/arguments.js';
import { usageError } from '../cli/CliError.js';
import { authorityWrite } from '../service/authorityWrite.js';
import { deliver, draftFor, issueOne, serviceChain, type CredentialRequest } from '../service/issuance.js';
import { showWrite } from '../view/writeSummary.js';
import { issueBatch } from '../batch/issueBatch.js';
import type { Context } from '../cli/context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function requestFrom(opts: IssueOptions): CredentialRequest {
  if (opts.file) {
    let parsed: CredentialRequest;
    try {
      parsed = JSON.parse(readFileSync(opts.file, 'utf8')) as CredentialRequest;
    } catch (error) {
      throw usageError(`${opts.file} is not a readable JSON file: ${(error as Error).message}`, 'it holds { "type", "subject", "attributes", "source"?, "validUntil"?, "parents"? }');
    }
    if (!parsed || typeof parsed !== 'object' || typeof parsed.type !== 'string' || typeof parsed.attributes !== 'object') {
      throw usageError(`${opts.file} lacks "type" or "attributes"`, 'it holds { "type", "subject", "attributes", "source"?, "validUntil"?, "parents"? }');
    }
    return { ...parsed, subject: address(String(parsed.subject), 'subject address') };
  }
  if (!opts.type || !opts.subject) throw usageError('--type and --subject are needed (or --file, or --batch)');
  const attributes = Object.fromEntries((opts.attr ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw usageError(`--attr "${pair}" is not name=value`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
  return {
    type: opts.type, subject: address(opts.subject, 'subject address'), attributes,
    source: opts.source ? bytes32(opts.source, 'source uid') : undefined, validUntil: opts.validUntil,
    parents: opts.mother || opts.father ? { mother: opts.mother ? address(opts.mother) : undefined, father: opts.father ? address(opts.father) : undefined } : undefined,
  };
}

type IssueOptions = { file?: string; batch?: string; type?: string; subject?: string; attr?: string[]; source?: string; validUntil?: string; mother?: string; father?: string; out?: string; concurrency?: string; quiet?: boolean };

/** The credential's commitment, which the registry's revoke/achievement/transfer calls take. */
async function commitmentOf(ctx: Context, uid: string) {
  const credential = await ctx.connection.expect(ctx.connection.api(false).GET('/credentials/{uid}', { params: { path: { uid: bytes32(uid) } } }));
  return credential.commitment as `0x${string}`;
}

export function issuerCommands(program: Command, run: Run) {
  const credential = program.command('credential').description('issuers anchor, deliver and revoke credentials');
  credential.command('issue')
    .description('issue a credential: from flags, a JSON file, or a CSV file with one credential per row (--batch)')
    .option('--type <type>', `credential type: ${Object.keys(CredentialType).join(', ')} (a type without a schema of its own is checked against the Generic one)`)
    .option('--subject <address>', 'the holder')
    .option('--attr <name=value>', 'an attribute (repeat for each)', collect)
    .option('--source <uid>', 'the credential it derives from (a curriculum\'s birth certificate)')
    .option('--valid-until <date>', 'expiry (ISO 8601)')
    .option('--mother <address>', 'a birth certificate\'s mother').option('--father <address>', 'a birth certificate\'s father')
    .option('--file <file.json>', '{ "type", "subject", "attributes", "source"?, "validUntil"?, "parents"? }')
    .option('--batch <file.csv>', 'many at once: a header row, then one credential per row; rerun the same command to resume')
    .option('--concurrency <n>', 'batch: writes in flight at once', '16')
    .option('--out <path>', 'also write the issued credential(s) here (JSON; JSON lines for a batch)')
    .addHelpText('after', `
CSV columns for --batch: subject, then one column per attribute; optional columns type, source,
validUntil, mother, father. --type sets the type for rows without one. A journal beside the CSV
(<file>.journal) makes a rerun skip what was issued: the same file never issues a row twice.

Examples:
  identree credential issue --type ScholarCurriculum --subject 0xAna… --source 0xBirthUid… \\
      --attr studentId=A-1024 --attr program="Computer Science" --attr institution="UdeG"
  identree credential issue --type Passport --subject 0xAna… --attr passportNumber=G1234567 --attr nationality=MEX
  identree credential issue --file diploma.json
  identree credential issue --batch diplomas-2026.csv --type ScholarCurriculum`)
    .action(run(async (ctx, opts: IssueOptions) => {
      if (opts.batch) return issueBatch(ctx, { file: opts.batch, type: opts.type, concurrency: Number(opts.concurrency), out: opts.out });
      const request = requestFrom(opts);
      // Checked before signing in, so a wrong type or attribute costs no round trip.
      const draft = draftFor(request);
      const { account, connection } = await ctx.authenticated();
      const { record, credential, delivery } = await issueOne(connection, account, request, await serviceChain(connection), draft);
      if (opts.out && credential) writeFileSync(opts.out, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
      showWrite(ctx.out, `issued ${draft.type} to ${request.subject}`, record, {
        uid: credential?.proof.uid, schema: draft.schema, delivered: delivery.delivered, ...(delivery.reason ? { notDeliveredBecause: delivery.reason } : {}), ...(opts.out ? { savedTo: opts.out } : {}),
      });
      if (draft.schema !== draft.type) ctx.out.note(`${draft.type} has no schema of its own: its attributes were checked against the ${draft.schema} schema (${credentialSchemas[draft.schema].$id})`);
      if (!delivery.delivered && !opts.out) ctx.out.note('keep the credential with --out next time, then `identree credential deliver <file>` once the holder has signed in');
    }));

  credential.command('deliver <file>')
    .description('seal an issued credential (JSON) to its holder\'s current key and deliver it through the service')
    .action(run(async (ctx, file: string) => {
      const issued = JSON.parse(readFileSync(file, 'utf8')) as IdentreeCredential;
      const { connection, account } = await ctx.authenticated();
      const outcome = await deliver(connection, issued, account);
      ctx.out.result({ uid: issued.proof.uid, ...outcome }, () => ctx.out.line(outcome.delivered ? `delivered ${issued.proof.uid}` : `not delivered: ${outcome.reason}`));
    }));

  credential.command('show <uid>')
    .description('a credential\'s anchor as the registry holds it: issuer, level, validity (never its attributes)')
    .action(run(async (ctx, uid: string) => {
      const data = await ctx.connection.expect(ctx.connection.api(false).GET('/credentials/{uid}', { params: { path: { uid: bytes32(uid) } } }));
      ctx.out.result(data, () => ctx.out.fields(Object.entries(data as Record<string, unknown>)));
    }));

  credential.command('revoke <uid>')
    .description('revoke a credential you issued')
    .action(run(async (ctx, uid: string) => {
      const commitment = await commitmentOf(ctx, uid);
      const { account, connection } = await ctx.authenticated();
      showWrite(ctx.out, `revoked ${uid}`, await authorityWrite(connection, account, 'revoke-credential', { commitment }), { uid });
    }));

  program.command('achievement').description('achievements appended to appendable credentials (a curriculum)').command('add <uid>')
    .description('add an achievement to a credential you issued; only its salted commitment goes on chain')
    .requiredOption('--text <text>', 'the achievement, e.g. "Graduated with honours, 2026"')
    .action(run(async (ctx, uid: string, opts: { text: string }) => {
      const commitment = await commitmentOf(ctx, uid);
      const achievement = commitAttributes({ achievement: opts.text });
      const { account, connection } = await ctx.authenticated();
      const record = await authorityWrite(connection, account, 'add-achievement', { commitment, achievement: achievement.commitment });
      showWrite(ctx.out, `added an achievement to ${uid}`, record, { uid, achievement: achievement.commitment, salt: achievement.attributes[0]!.salt });
    }));

  const transfer = program.command('transfer').description('transfers of transferable credentials (car titles)');
  transfer.command('approve <uid>')
    .description('approve a holder\'s requested transfer of a credential you issued')
    .requiredOption('--to <address>', 'the new holder')
    .action(run(async (ctx, uid: string, opts: { to: string }) => {
      const commitment = await commitmentOf(ctx, uid);
      const to = address(opts.to, 'new holder address');
      const { account, connection } = await ctx.authenticated();
      showWrite(ctx.out, `approved the transfer of ${uid} to ${to}`, await authorityWrite(connection, account, 'approve-credential-transfer', { commitment, to }), { uid, to });
    }));
  transfer.command('request <uid>')
    .description('request the transfer of a credential you hold to someone else (its issuer approves)')
    .requiredOption('--to <address>', 'the new holder')
    .action(run(async (ctx, uid: string, opts: { to: string }) => {
      const to = address(opts.to, 'new holder address');
      const { account, connection } = await ctx.authenticated();
      showWrite(ctx.out, `requested the transfer of ${uid} to ${to}`, await authorityWrite(connection, account, 'request-credential-transfer', { uid: bytes32(uid), to }), { uid, to });
    }));
}
