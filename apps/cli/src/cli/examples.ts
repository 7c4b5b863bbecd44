import type { Command } from 'commander';

/** Examples for the commands whose definitions do not carry their own, shown under `--help`. */
const examples: Record<string, string[]> = {
  'key list': ['identree key list --json | jq -r ".keys[].address"'],
  'key export-public': ['identree key export-public citizen'],
  'key rotate': ['identree key create ana-2027 && identree key rotate --to ana-2027 --key ana', 'identree wallet list --key ana-2027 --identity 0xAna…   # afterwards'],
  status: ['identree status --service https://identree.example.gov'],
  'profile use': ['identree profile use staging'],
  'profile list': ['identree profile list'],
  'entity show': ['identree entity show 0xUniversity…'],
  'root handover': ['identree root handover 0xNewMinistry… --key current-root'],
  'root accept': ['identree root accept --key new-ministry'],
  'credential deliver': ['identree credential deliver diploma-ana.json --key university'],
  'credential show': ['identree credential show 0x3f1c…9a'],
  'credential revoke': ['identree credential revoke 0x3f1c…9a --key university'],
  'achievement add': ['identree achievement add 0x3f1c…9a --text "Graduated with honours, 2026" --key university'],
  'transfer approve': ['identree transfer approve 0xTitleUid… --to 0xBuyer… --key vehicle-registry'],
  'transfer request': ['identree transfer request 0xTitleUid… --to 0xBuyer… --key seller'],
  'wallet list': ['identree wallet list --key ana'],
  'wallet show': ['identree wallet show BirthCertificate --key ana', 'identree wallet show 0x3f1c…9a --out diploma.json --key ana'],
  tree: ['identree tree --key ana', 'identree tree 0xAna…'],
  link: ['identree link 0x3f1c…9a --key ana'],
  unlink: ['identree unlink 0x3f1c…9a --key ana'],
  'revoke-grant': ['identree revoke-grant 0xBirthUid… --verifier 0xBank… --key ana'],
  grants: ['identree grants --key ana'],
  'access-log': ['identree access-log --limit 20 --key ana'],
  'guardian add': ['identree guardian add 0xSister… --threshold 2 --key ana'],
  'guardian remove': ['identree guardian remove 0xSister… --threshold 1 --key ana'],
  'recovery approve': ['identree recovery approve 0xAna… --new-key 0xAnasNewKey… --key sister'],
  'recovery cancel': ['identree recovery cancel --key ana'],
  'recovery finalize': ['identree recovery finalize 0xAna… --new-key 0xAnasNewKey… --key ana-new'],
  'recovery status': ['identree recovery status 0xAna… --key ana'],
};

/** Adds the table's example to each command that has none of its own. */
export function addExamples(command: Command, path: string[] = []): void {
  const lines = examples[path.join(' ')];
  if (lines) command.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n  ${lines.join('\n  ')}`);
  for (const sub of command.commands) addExamples(sub, [...path, sub.name()]);
}
