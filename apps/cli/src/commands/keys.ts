import type { Command } from 'commander';
import { generatePrivateKey } from 'viem/accounts';
import type { Hex } from 'viem';
import type { Run } from '../cli/runner.js';
import { importKeystoreFile, listKeys, saveKey, unlockKey, findKey } from '../keys/keystore.js';
import { askSecret } from '../keys/passphrase.js';
import { keystoreDir } from '../config/paths.js';

export function keyCommands(program: Command, run: Run) {
  const key = program.command('key').description('create, import and list the keys in your encrypted keystore');

  key.command('create <name>')
    .description('create a new key, encrypted with a passphrase (prompted, or IDENTREE_PASSPHRASE)')
    .option('--light-kdf', 'cheap scrypt (n=4096, as geth --lightkdf): only for throwaway test keys')
    .addHelpText('after', '\nExample:\n  identree key create registry-office')
    .action(run(async (ctx, name: string, opts: { lightKdf?: boolean }) => {
      const stored = await saveKey(name, generatePrivateKey(), opts);
      ctx.out.result(stored, () => ctx.out.fields([['created', stored.name], ['address', stored.address], ['file', stored.file]]));
    }));

  key.command('import <name>')
    .description('import a private key (typed at a hidden prompt, or piped with --stdin), or a keystore file from geth or a wallet')
    .option('--stdin', 'read the private key from standard input')
    .option('--keystore <file>', 'import a Web3 Secret Storage (v3) file as it is')
    .option('--light-kdf', 'cheap scrypt (n=4096): only for throwaway test keys')
    .addHelpText('after', '\nExamples:\n  identree key import university --keystore ~/.ethereum/keystore/UTC--2026-…\n  cat key.hex | IDENTREE_PASSPHRASE=… identree key import ci-bot --stdin')
    .action(run(async (ctx, name: string, opts: { stdin?: boolean; keystore?: string; lightKdf?: boolean }) => {
      const stored = opts.keystore
        ? await importKeystoreFile(name, opts.keystore)
        : await saveKey(name, normalisePrivateKey(await askSecret('Private key (hex):', Boolean(opts.stdin))), opts);
      ctx.out.result(stored, () => ctx.out.fields([['imported', stored.name], ['address', stored.address], ['file', stored.file]]));
    }));

  key.command('list')
    .description('list the keys in the keystore (names and addresses; nothing is decrypted)')
    .action(run(async (ctx) => {
      const keys = listKeys();
      ctx.out.result({ keystore: keystoreDir(), keys }, () => ctx.out.table(['name', 'address', 'file'], keys.map((k) => [k.name, k.address, k.file])));
    }));

  key.command('export-public [name]')
    .description('print a key\'s address and public key (what issuers seal credentials to)')
    .action(run(async (ctx, name?: string) => {
      const stored = findKey(name ?? ctx.profile.key);
      const { account } = await unlockKey(stored);
      const document = { name: stored.name, address: account.address, publicKey: account.publicKey };
      ctx.out.result(document, () => ctx.out.fields(Object.entries(document)));
    }));
}

const normalisePrivateKey = (text: string): Hex => (text.startsWith('0x') ? text : `0x${text}`).toLowerCase() as Hex;
