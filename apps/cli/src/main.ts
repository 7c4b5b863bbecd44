import { Command, CommanderError } from 'commander';
import { CliError } from './cli/CliError.js';
import { ExitCode, exitCodeHelp } from './cli/exitCodes.js';
import { jsonReplacer } from './cli/output.js';
import { run } from './cli/runner.js';
import { addExamples } from './cli/examples.js';
import { keyCommands } from './commands/keys.js';
import { connectCommands } from './commands/connect.js';
import { governmentCommands } from './commands/government.js';
import { issuerCommands } from './commands/issuer.js';
import { holderCommands } from './commands/holder.js';
import { verifierCommands } from './commands/verifier.js';
import { populationCommands } from './commands/population.js';
import { faceCommands } from './commands/face.js';
import { enrollmentCommands } from './commands/enrollment.js';

export function buildProgram(): Command {
  const program = new Command('identree')
    .description('Identree from a terminal: keys, registration, issuance, your identity tree, proofs and their verification')
    .option('--service <url>', 'the Identree service (default: the profile\'s, IDENTREE_SERVICE, or http://127.0.0.1:8080)')
    .option('--rpc <url>', 'an EVM JSON-RPC URL (default: the profile\'s or IDENTREE_RPC)')
    .option('--profile <name>', 'a saved profile (`identree profile list`)')
    .option('--key <name>', 'the key that acts (a name or address in the keystore; default: the profile\'s, IDENTREE_KEY, or the only key)')
    .option('--identity <address>', 'the identity the key acts for, once it has changed key (default: the key\'s own address)')
    .option('--sponsored', 'authority writes: sign a message for the service\'s sponsor to send and pay for, so the key needs no ether (IDENTREE_SPONSORED=1)')
    .option('--json', 'print one JSON document, for scripts')
    .option('--debug', 'print stacks on errors')
    .exitOverride()
    .configureOutput({ outputError: () => {} }) // usage errors are printed once, below, in the CLI's own shape
    .addHelpText('after', `
Environment:
  IDENTREE_HOME        where keys, profiles and sign-ins live (default ~/.identree)
  IDENTREE_PASSPHRASE  the keystore passphrase for scripts (otherwise prompted)
  IDENTREE_SERVICE, IDENTREE_RPC, IDENTREE_KEY   defaults for --service, --rpc, --key
  NO_COLOR             no colours even at a terminal

${exitCodeHelp}

A day's work, for example:
  identree key create registry-office
  identree login --key registry-office
  identree entity register 0xAna… --kind Person
  identree credential issue --batch births-2026-12-05.csv --type BirthCertificate`);
  keyCommands(program, run);
  connectCommands(program, run);
  governmentCommands(program, run);
  issuerCommands(program, run);
  holderCommands(program, run);
  verifierCommands(program, run);
  populationCommands(program, run);
  faceCommands(program, run);
  enrollmentCommands(program, run);
  addExamples(program);
  // Every subcommand stops on a usage error instead of exiting itself, so main() decides the code.
  const override = (command: Command) => {
    command.exitOverride().configureOutput({ outputError: () => {} });
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Runs the CLI and answers the exit code; errors are printed here, once, for people or for --json. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return ExitCode.ok;
      return report(new CliError('usage', error.message.replace(/^error: /, ''), ExitCode.usage, 'run the command with --help for its options'), json, debug);
    }
    if (error instanceof CliError) return report(error, json, debug);
    return report(new CliError('internal', (error as Error).message ?? String(error), ExitCode.unavailable, 'run again with --debug and report the stack'), json, debug, error);
  }
}

function report(error: CliError, json: boolean, debug: boolean, cause: unknown = error): number {
  if (json) {
    // A verdict was already printed as the document; only other failures print an error document.
    if (!(error.details as { reported?: boolean } | undefined)?.reported) {
      process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint, details: error.details } }, jsonReplacer, 2)}\n`);
    }
  } else if (!(error.details as { reported?: boolean } | undefined)?.reported) {
    process.stderr.write(`error: ${error.message}\n${error.hint ? `  what to do: ${error.hint}\n` : ''}`);
  }
  if (debug) process.stderr.write(`${(cause as Error)?.stack ?? String(cause)}\n`);
  return error.exitCode;
}
