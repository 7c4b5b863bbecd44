import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';

/**
 * What to do about each refusal the service can answer, by its error code (the API's table and the
 * registry's revert names, snake-cased). A code without a hint is still printed with the service's
 * own message.
 */
const hints: Record<string, string> = {
  unauthorized: 'sign in first: `identree login --key <name>`',
  login_failed: 'check the key and that the service URL is the one the service announces (`identree status`)',
  insufficient_funds: 'this key holds too little ether to pay for its transaction: pass --sponsored to have the service\'s sponsor send it, or fund the key on the chain (the operator sends it ether)',
  entity_not_registered: 'ask a registrar (a government) to run `identree entity register <address> --kind <Kind>`',
  entity_not_active: 'the entity is suspended or revoked: a registrar can run `identree entity reinstate <address>`',
  entity_already_registered: 'this address already has an identity: nothing to do',
  credential_issuer_not_entitled: 'this issuer is not accredited for that credential type: ask a government to run `identree accredit <issuer> --type <Type>`',
  credential_not_an_issuer: 'only governments and accredited issuers anchor credentials',
  credential_not_found: 'check the credential uid (`identree wallet list` shows yours)',
  credential_already_revoked: 'the credential is already revoked: nothing to do',
  credential_type_unknown: 'define the type first: `identree type define <Name>`',
  tree_already_linked: 'the credential is already in your tree: nothing to do',
  tree_not_credential_holder: 'only the credential\'s subject can link it',
  guardian_duplicate: 'that guardian is already set',
  recovery_not_ready: 'the recovery lacks approvals or its waiting period has not passed: `identree recovery status <identity>`',
  root_unauthorized_account: 'only the current root authority can do this',
  forbidden: 'this key may not do that: sign in with the key that owns the object',
  not_found: 'check the identifier',
  no_live_grant: 'the holder has not granted this verifier access, or the grant expired',
  rate_limited: 'wait and try again',
  sponsor_quota_exceeded: 'this identity used its sponsored-gas quota: wait for the window to pass',
  not_an_image: 'send the photo itself, a PNG or JPEG file, whole',
  document_not_found: 'photograph the whole document, flat, on a plain background, with all four corners in the frame',
  unknown_template: 'templates: residence-card, national-id, passport-td3',
  verifier_not_assigned: 'only the verifiers the registry drew for a field may answer it: `identree enrollment tasks <id>` lists yours',
  confirmation_invalid: 'sign with the key you are signed in with, for the enrollment registry the service uses',
  not_enrolled: 'a field still lacks answers: the verifiers must confirm it before the enrollment is attested',
  enrollment_unavailable: 'this service runs without document enrollment',
  idempotency_key_reused: 'this request key was used for a different request',
};

export function refusal(status: number, body: unknown): CliError {
  const { error, message } = (body ?? {}) as { error?: string; message?: string };
  const code = error ?? `http_${status}`;
  const exit = status >= 500 ? ExitCode.unavailable : ExitCode.refused;
  return new CliError(code, message ?? `the service answered ${status}`, exit, hints[code], body);
}

export function unreachable(service: string, cause: unknown): CliError {
  return new CliError('service_unreachable', `cannot reach the service at ${service}: ${(cause as Error).message}`, ExitCode.unavailable,
    'start it with `npm start`, or pass --service URL (or set a profile: `identree profile set default --service URL`)');
}
