/**
 * Exit codes, documented in `identree --help` and the README. Scripts branch on these, so they are
 * stable: a new failure kind gets a new number, never a reused one.
 */
export const ExitCode = {
  ok: 0,
  /** `verify`: the presentation is invalid (the verdict says why). Also any command's refusal by policy. */
  invalid: 1,
  /** The command line itself is wrong: an unknown option, a missing argument, a malformed value. */
  usage: 2,
  /** The service refused the request (4xx): not registered, not accredited, not found, conflict. */
  refused: 3,
  /** The service or the chain could not be reached or failed (5xx, network, timeout). */
  unavailable: 4,
  /** The keystore: no such key, wrong passphrase, no passphrase available without a terminal. */
  keystore: 5,
  /** Ctrl-C: stopped by the user; a batch can be resumed by running the same command again. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = `Exit codes:
  0    success (for verify: the presentation is valid)
  1    verify: the presentation is invalid
  2    usage error: unknown option, missing or malformed argument
  3    the service refused the request (4xx): see the message for what to do
  4    the service or chain is unreachable or failed (5xx, network)
  5    keystore error: unknown key, wrong passphrase, no passphrase without a terminal
  130  interrupted (Ctrl-C); rerun the same batch command to resume`;
