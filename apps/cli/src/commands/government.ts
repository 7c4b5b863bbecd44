import type { Command } from 'commander';
import { keccak256, stringToHex } from 'viem';
import type { Run } from '../cli/runner.js';
import { address, credentialTypeId, entityKind } from '../cli/arguments.js';
import { authorityWrite, type AuthorityWrite } from '../service/authorityWrite.js';
import { showWrite } from '../view/writeSummary.js';
import type { Context } from '../cli/context.js';
import { usageError } from '../cli/CliError.js';
import { registerBatch } from '../batch/registerBatch.js';

/** One authority write from the selected key: prepared by the service, signed here, submitted. */
async function write(ctx: Context, name: AuthorityWrite, body: object, what: string, extra: Record<string, unknown> = {}) {
  const { account, connection } = await ctx.authenticated();
  showWrite(ctx.out, what, await authorityWrite(connection, account, name, body), extra);
}

export function governmentCommands(program: Command, run: Run) {
  const entity = program.command('entity').description('a registrar registers, suspends, reinstates and revokes entities');
  entity.command('register [address]')
    .description('register an entity (or a CSV of them with --batch); each receives its soulbound identity token')
    .option('--kind <kind>', 'Government, Admin, Issuer, Person or Organization (for --batch: rows without a kind column)')
    .option('--batch <file.csv>', 'columns: address, kind; rerun the same command to resume')
    .option('--concurrency <n>', 'batch: writes in flight at once', '16')
    .addHelpText('after', '\nExamples:\n  identree entity register 0x1234…abcd --kind Issuer --key registry-office\n  identree entity register --batch births-2026-12-05.csv --kind Person')
    .action(run(async (ctx, who: string | undefined, opts: { kind?: string; batch?: string; concurrency: string }) => {
      if (opts.batch) return registerBatch(ctx, { file: opts.batch, kind: opts.kind, concurrency: Number(opts.concurrency) });
      if (!who || !opts.kind) throw usageError('an address and --kind are needed (or --batch FILE.csv)');
      const entityAddress = address(who, 'entity address');
      const kind = entityKind(opts.kind);
      await write(ctx, 'register-entity', { entity: entityAddress, kind }, `registered ${entityAddress} as ${kind}`, { entity: entityAddress, kind });
    }));
  for (const [verb, name, what] of [['suspend', 'suspend-entity', 'suspended'], ['reinstate', 'reinstate-entity', 'reinstated'], ['revoke', 'revoke-entity', 'revoked']] as const) {
    entity.command(`${verb} <address>`)
      .description(`${verb} an entity you registered (or one below you)`)
      .addHelpText('after', `\nExample:\n  identree entity ${verb} 0x1234…abcd --key registry-office`)
      .action(run(async (ctx, who: string) => {
        const entityAddress = address(who, 'entity address');
        await write(ctx, name, { entity: entityAddress }, `${what} ${entityAddress}`, { entity: entityAddress });
      }));
  }
  entity.command('show <address>')
    .description('an entity\'s kind, status and registrar')
    .action(run(async (ctx, who: string) => {
      const entityAddress = address(who);
      const data = await ctx.connection.expect(ctx.connection.api(false).GET('/entities/{address}', { params: { path: { address: entityAddress } } }));
      ctx.out.result(data, () => ctx.out.fields(Object.entries(data as Record<string, unknown>)));
    }));

  program.command('accredit <issuer>')
    .description('accredit an issuer for a credential type (a government)')
    .requiredOption('--type <type>', 'the credential type: a name (ScholarCurriculum, …) or a type id')
    .option('--revoke', 'withdraw the accreditation instead')
    .addHelpText('after', '\nExample:\n  identree accredit 0xUniversity… --type ScholarCurriculum --key ministry-of-education')
    .action(run(async (ctx, who: string, opts: { type: string; revoke?: boolean }) => {
      const issuer = address(who, 'issuer address');
      const credentialType = credentialTypeId(opts.type);
      await write(ctx, opts.revoke ? 'revoke-accreditation' : 'accredit-issuer', { issuer, credentialType },
        `${opts.revoke ? 'withdrew accreditation of' : 'accredited'} ${issuer} for type ${opts.type}`, { issuer, credentialType });
    }));

  program.command('type').description('credential types').command('define <name>')
    .description('define a new credential type (root or a government)')
    .option('--transferable', 'holders can transfer it (car titles)')
    .option('--government-only', 'only governments may issue it')
    .option('--parent-links', 'it names parents (birth certificates)')
    .option('--appendable', 'issuers can add achievements to it')
    .option('--source-type <type>', 'the type it must derive from')
    .addHelpText('after', '\nExample:\n  identree type define DriverLicence --government-only --source-type BirthCertificate')
    .action(run(async (ctx, name: string, opts: { transferable?: boolean; governmentOnly?: boolean; parentLinks?: boolean; appendable?: boolean; sourceType?: string }) => {
      const rules = {
        transferable: Boolean(opts.transferable), governmentOnly: Boolean(opts.governmentOnly), parentLinks: Boolean(opts.parentLinks),
        appendable: Boolean(opts.appendable), sourceType: opts.sourceType ? credentialTypeId(opts.sourceType) : 0,
      };
      await write(ctx, 'define-credential-type', { name, rules }, `defined credential type ${name}`, { name, rules });
    }));

  const root = program.command('root').description('hand the root authority over to another government');
  root.command('handover <newRoot>')
    .description('propose a new root (the current root); it takes effect when the new root accepts')
    .action(run(async (ctx, who: string) => {
      const newRoot = address(who, 'new root address');
      await write(ctx, 'transfer-root', { newRoot }, `proposed ${newRoot} as root`, { newRoot });
    }));
  root.command('accept')
    .description('accept a pending root handover (the proposed root)')
    .action(run(async (ctx) => write(ctx, 'accept-root', {}, 'accepted the root authority')));

  program.command('rebind <identity> <newKey>')
    .description('a registrar moves an identity it registered to a new key, on evidence (a lost key with no guardians)')
    .requiredOption('--evidence <text>', 'what justifies it (a case number, a document reference); only its hash goes on chain')
    .addHelpText('after', '\nExample:\n  identree rebind 0xCitizen… 0xNewKey… --evidence "case 2026-1187, ID checked at desk 4"')
    .action(run(async (ctx, who: string, key: string, opts: { evidence: string }) => {
      const identity = address(who, 'identity address');
      const newKey = address(key, 'new key address');
      const evidence = keccak256(stringToHex(opts.evidence));
      await write(ctx, 'rebind-by-registrar', { identity, newKey, evidence }, `rebound ${identity} to ${newKey}`, { identity, newKey, evidence });
    }));
}
