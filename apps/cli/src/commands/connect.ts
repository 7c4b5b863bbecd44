import type { Command } from 'commander';
import type { Run } from '../cli/runner.js';
import { listProfiles, saveProfile, useProfile } from '../config/profiles.js';
import { signIn } from '../service/session.js';

export function connectCommands(program: Command, run: Run) {
  program.command('login')
    .description('sign in to the service with Sign-In with Ethereum; the token is kept for later commands')
    .addHelpText('after', '\nExample:\n  identree login --key registry-office --service http://127.0.0.1:8080')
    .action(run(async (ctx) => {
      const session = await signIn(ctx.connection, await ctx.signer());
      const document = { service: ctx.profile.service, address: session.address, role: session.role, expiresAt: new Date(session.expiresAt).toISOString() };
      ctx.out.result(document, () => ctx.out.fields([['signed in', document.address], ['role', document.role], ['service', document.service], ['until', document.expiresAt]]));
    }));

  program.command('status')
    .description('what the service reports: its chain, registry and health')
    .action(run(async (ctx) => {
      const health = await ctx.connection.expect(ctx.connection.api(false).GET('/health'));
      ctx.out.result(health, () => ctx.out.fields(Object.entries(health as Record<string, unknown>)));
    }));

  const profile = program.command('profile').description('named connection settings (service URL, RPC URL, default key) in ~/.identree/config.json');
  profile.command('set <name>')
    .description('create or change a profile')
    .option('--service <url>', 'the Identree service URL')
    .option('--rpc <url>', 'an EVM JSON-RPC URL (for commands that read the chain directly)')
    .option('--default-key <name>', 'the key commands use when --key is not given')
    .addHelpText('after', '\nExample:\n  identree profile set staging --service https://identree.example.gov --default-key registry-office')
    .action(run(async (ctx, name: string, opts: { service?: string; rpc?: string; defaultKey?: string }) => {
      const saved = saveProfile(name, { service: opts.service, rpc: opts.rpc, key: opts.defaultKey });
      ctx.out.result({ name, ...saved }, () => ctx.out.fields([['profile', name], ...Object.entries(saved)]));
    }));
  profile.command('use <name>')
    .description('make a profile the current one')
    .action(run(async (ctx, name: string) => {
      useProfile(name);
      ctx.out.result({ current: name }, () => ctx.out.line(`now using profile ${name}`));
    }));
  profile.command('list')
    .description('list the profiles')
    .action(run(async (ctx) => {
      const { current, profiles } = listProfiles();
      ctx.out.result({ current, profiles }, () => ctx.out.table(['', 'name', 'service', 'rpc', 'default key'],
        Object.entries(profiles).map(([n, p]) => [n === current ? '*' : '', n, p.service, p.rpc, p.key])));
    }));
}
