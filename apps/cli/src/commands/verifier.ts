import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import type { Run } from '../cli/runner.js';
import { CliError, usageError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { parseRequestUrl, requestUrl } from '../service/presentationRequest.js';
import { localNonce, verifyLocally } from '../verifier/verifyLocally.js';

const LEVELS = ['Uncertified', 'Accredited', 'GovernmentCertified'];

export function verifierCommands(program: Command, run: Run) {
  program.command('request')
    .description('as a verifier, ask a holder for a proof: prints a fresh nonce and a request URL (and a QR code at a terminal)')
    .requiredOption('--audience <id>', 'who you are, as holders will see it (e.g. https://bank.example)')
    .option('--attrs <names>', 'the attributes you need, comma-separated (e.g. ageOver18,program)', '')
    .option('--min-level <level>', `the weakest issuer standing you accept: ${LEVELS.join(', ')}`)
    .option('--require-linked', 'accept only credentials linked into the holder\'s tree')
    .option('--no-qr', 'do not print the QR code')
    .option('--local', 'issue the nonce here (kept in ~/.identree), for `verify --local`, with no service')
    .addHelpText('after', '\nExamples:\n  identree request --audience https://bank.example --attrs ageOver18 --min-level GovernmentCertified\n  identree request --local --audience did:example:auditor --attrs program')
    .action(run(async (ctx, opts: { audience: string; attrs: string; minLevel?: string; requireLinked?: boolean; qr: boolean; local?: boolean }) => {
      if (opts.minLevel && !LEVELS.includes(opts.minLevel)) throw usageError(`--min-level "${opts.minLevel}" is not a level`, `one of: ${LEVELS.join(', ')}`);
      const challenge = opts.local
        ? await localNonce(opts.audience)
        : await ctx.connection.expect(ctx.connection.api(false).POST('/presentations/nonce', { body: { audience: opts.audience } }));
      const url = requestUrl({ audience: opts.audience, nonce: challenge.nonce, attributes: opts.attrs.split(',').filter(Boolean), minLevel: opts.minLevel, requireLinked: opts.requireLinked, service: opts.local ? undefined : ctx.profile.service });
      const qr = opts.qr && process.stdout.isTTY && !ctx.out.json ? await QRCode.toString(url, { type: 'terminal', small: true }) : undefined;
      ctx.out.result({ ...challenge, requestUrl: url }, () => {
        ctx.out.fields([['nonce', challenge.nonce], ['expires', challenge.expiresAt], ['request URL', url]]);
        if (qr) ctx.out.line(qr);
      });
    }));

  program.command('verify <file>')
    .description('check a presentation: prints the verdict with every reason; exit 0 when valid, 1 when not')
    .option('--request <url>', 'the request it answers: its audience, nonce and policy are checked')
    .option('--audience <id>', 'the expected audience (default: the presentation\'s own)')
    .option('--nonce <hex>', 'the nonce you issued (default: the presentation\'s own, which the service must have issued)')
    .option('--attrs <names>', 'attributes that must be disclosed, comma-separated')
    .option('--min-level <level>', `the weakest issuer standing you accept: ${LEVELS.join(', ')}`)
    .option('--require-linked', 'accept only credentials linked into the holder\'s tree')
    .option('--local', 'verify here against the chain itself (--rpc, --registry), trusting no service; the nonce must come from `request --local`')
    .option('--registry <address>', 'with --local: the registry you trust')
    .addHelpText('after', '\nExamples:\n  identree verify proof.json --request "identree:present?audience=…&nonce=…&attributes=ageOver18" && echo accepted\n  identree verify proof.json --request "identree:present?…" --local --rpc http://127.0.0.1:8545 --registry 0xRegistry…')
    .action(run(async (ctx, file: string, opts: { request?: string; audience?: string; nonce?: string; attrs?: string; minLevel?: string; requireLinked?: boolean; local?: boolean; registry?: string }) => {
      let presentation: { audience?: string; nonce?: string };
      try {
        presentation = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw usageError(`${file} is not a readable presentation: ${(error as Error).message}`);
      }
      const request = opts.request ? parseRequestUrl(opts.request) : undefined;
      const audience = request?.audience ?? opts.audience ?? presentation.audience;
      const nonce = request?.nonce ?? opts.nonce ?? presentation.nonce;
      if (typeof audience !== 'string' || typeof nonce !== 'string') throw usageError(`${file} names no audience or nonce; pass --request`);
      const attrs = request?.attributes ?? opts.attrs?.split(',').filter(Boolean) ?? [];
      const minLevel = request?.minLevel ?? opts.minLevel;
      if (minLevel && !LEVELS.includes(minLevel)) throw usageError(`--min-level "${minLevel}" is not a level`, `one of: ${LEVELS.join(', ')}`);
      const policy = { ...(minLevel ? { minLevel } : {}), ...(request?.requireLinked || opts.requireLinked ? { requireLinked: true } : {}), ...(attrs.length ? { requiredAttributes: attrs } : {}) };
      const verdict = (opts.local
        ? await verifyLocally({ rpc: ctx.profile.rpc, registry: opts.registry, presentation, audience, nonce, policy })
        : await ctx.connection.expect(ctx.connection.api(false).POST('/presentations/verify', {
          body: { audience, nonce, presentation: presentation as never, policy: policy as never },
        }))) as { valid: boolean; holder?: string; reasons?: { code: string; message?: string }[]; credentials?: { type?: string; level?: string; disclosed?: Record<string, string | boolean> }[] };
      ctx.out.result(verdict, () => {
        ctx.out.line(verdict.valid ? ctx.out.color.green('VALID') : ctx.out.color.red('INVALID'));
        ctx.out.fields([['holder', verdict.holder], ['audience', audience]]);
        for (const r of verdict.reasons ?? []) ctx.out.line(`  ${ctx.out.color.red('✗')} ${r.code}${r.message ? `: ${r.message}` : ''}`);
        for (const c of verdict.credentials ?? []) ctx.out.line(`  ${ctx.out.color.green('✓')} ${c.type ?? ''} ${c.level ?? ''} ${JSON.stringify((c as { disclosed?: unknown }).disclosed ?? {})}`);
      });
      if (!verdict.valid) throw new CliError('presentation_invalid', `the presentation is invalid: ${(verdict.reasons ?? []).map((r) => r.code).join(', ')}`, ExitCode.invalid, undefined, { reported: true });
    }));
}
