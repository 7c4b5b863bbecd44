import type { VerdictReasonCode } from '@identree/sdk';

/**
 * Every reason a presentation can fail, as a sentence a bank clerk can act on. The service's own
 * message (technical, with addresses and Unix times) is shown under it for whoever needs it.
 */
export const REASON_WORDS: Record<VerdictReasonCode | 'type_missing', string> = {
  malformed: 'What was pasted is not a complete presentation. Ask the holder to send it again.',
  audience_mismatch: 'This presentation was made for someone else, not for you.',
  nonce_mismatch: 'This presentation answers another request, not this one.',
  expired: 'This presentation is too old. Ask the holder to present again.',
  not_yet_valid: 'This presentation is dated in the future. The holder\'s clock may be wrong.',
  lifetime_too_long: 'This presentation claims to stay valid for too long to be safe.',
  signature_invalid: 'The holder\'s signature does not match: the presentation was changed or signed by someone else.',
  uid_mismatch: 'A credential in it does not match the one anchored on chain.',
  proof_malformed: 'A credential\'s proof is incomplete.',
  proof_invalid: 'A disclosed attribute does not match what the issuer certified: it was changed.',
  registry_untrusted: 'A credential comes from a registry this service does not trust.',
  credential_not_anchored: 'A credential was never recorded on chain by its issuer.',
  type_mismatch: 'A credential is presented as another kind than the one its issuer recorded.',
  signer_not_subject: 'A credential belongs to someone other than the person who signed.',
  key_not_current: 'The holder signed with a key that no longer controls their identity.',
  credential_revoked: 'A credential was revoked by its issuer.',
  credential_expired: 'A credential has expired.',
  credential_not_yet_valid: 'A credential is not valid yet.',
  level_too_low: 'A credential\'s issuer is not certified to the level you asked for.',
  credential_not_linked: 'A credential is not linked into the holder\'s identity tree, and you asked for linked ones.',
  attribute_missing: 'An attribute you asked for was not disclosed.',
  attribute_value_mismatch: 'An attribute does not have the value you require.',
  holder_suspended: 'The holder\'s identity is suspended by the registry.',
  holder_revoked: 'The holder\'s identity has been revoked by the registry.',
  issuer_suspended: 'The issuer is suspended by the registry.',
  issuer_revoked: 'The issuer has been revoked by the registry.',
  issuer_compromised: 'It was issued while the issuer\'s key was stolen, so the registry voids it.',
  nonce_replayed: 'This presentation was already used once, or its request expired. Create a new request.',
  type_missing: 'A kind of credential you asked for was not presented.',
};

/** Attribute names as a person reads them; an unknown name is shown as it is. */
export const ATTRIBUTE_WORDS: Record<string, string> = {
  ageOver18: 'whether they are over 18', ageOver21: 'whether they are over 21', birthDate: 'their date of birth',
  givenName: 'their given name', fatherLastName: 'their father\'s last name', motherLastName: 'their mother\'s last name',
  sex: 'their sex', municipality: 'their municipality of birth', state: 'their state of birth', country: 'their country of birth',
  studentId: 'their student number', program: 'their programme', institution: 'their institution', enrolledOn: 'when they enrolled',
  graduatedOn: 'when they graduated',
};
export const attributeWords = (name: string) => ATTRIBUTE_WORDS[name] ?? name;

/** A disclosed value as words: booleans as yes/no, dates as "17 May 1990". */
export function valueWords(value: string | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return value;
}

const TYPE_WORDS: Record<string, string> = { BirthCertificate: 'Birth certificate', ScholarCurriculum: 'Academic record', Passport: 'Passport', CarTitle: 'Car title' };
/** A credential type as a person names it: "Birth certificate", not BirthCertificate. */
export const typeWords = (type: string) => TYPE_WORDS[type] ?? type;

/** The reason's sentence; a code this app does not know yet is shown as the service's own message. */
export const reasonWords = (code: string, message: string) => (REASON_WORDS as Record<string, string>)[code] ?? message;

const CLAIM_LABELS: Record<string, string> = {
  ageOver18: 'Over 18', ageOver21: 'Over 21', birthDate: 'Date of birth', givenName: 'Given name', fatherLastName: 'Father\'s last name',
  motherLastName: 'Mother\'s last name', sex: 'Sex', municipality: 'Municipality', state: 'State', country: 'Country',
  studentId: 'Student number', program: 'Programme', institution: 'Institution', enrolledOn: 'Enrolled on', graduatedOn: 'Graduated on',
};
/** An attribute's name as a form label: "Over 18", "Programme". */
export const claimLabel = (name: string) => CLAIM_LABELS[name] ?? name;
