import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram } from './main.js';

/** Every leaf command, by its path of names. */
const leaves = (command: Command, path: string[] = []): string[][] =>
  command.commands.length ? command.commands.flatMap((c) => leaves(c, [...path, c.name()])) : [path];

/** What `identree <path> --help` prints, captured in process. */
async function help(path: string[]): Promise<string> {
  const program = buildProgram();
  let text = '';
  const capture = (c: Command) => {
    c.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s), outputError: () => {} });
    c.commands.forEach(capture);
  };
  capture(program);
  await program.parseAsync(['node', 'identree', ...path, '--help']).catch(() => {});
  return text;
}

describe('identree --help', () => {
  it('lists every option of every command, with an example', async () => {
    const all = leaves(buildProgram());
    assert.ok(all.length >= 40, `${all.length} commands`);
    const missing: string[] = [];
    for (const path of all) {
      const text = await help(path);
      assert.match(text, new RegExp(`Usage: identree ${path.join(' ')}`), path.join(' '));
      if (!/Example/.test(text)) missing.push(path.join(' '));
    }
    assert.deepEqual(missing, [], `commands without an example: ${missing.join(', ')}`);
  });

  it('the top-level help documents the exit codes and the environment', async () => {
    const text = await help([]);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '4 ', '5 ', '130']) assert.match(text, new RegExp(`\\n  ${code}`));
    assert.match(text, /IDENTREE_PASSPHRASE/);
  });
});
