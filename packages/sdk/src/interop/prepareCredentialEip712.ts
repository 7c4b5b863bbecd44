import { IDENTREE_CREDENTIAL_CONTEXT, IDENTREE_CREDENTIAL_CONTEXT_URL } from '../credentials/identreeCredentialContext.js';
import type { IdentreeCredential } from '../credentials/types.js';
import { parseIdentreeDid } from '../did/parseIdentreeDid.js';
import { InvalidParameterError } from '../errors/base.js';

/** The proof type of the W3C CCG EthereumEip712Signature2021 specification, as Veramo's `@veramo/credential-eip712` reads it. */
export const EIP712_PROOF_TYPE = 'EthereumEip712Signature2021';

type Eip712Field = { name: string; type: string };
export type CredentialEip712Domain = { name: 'VerifiableCredential'; version: '1'; chainId: number };

/** EIP-712 typed data for `eth_signTypedData_v4`: `message` is the credential to secure, its proof without the signature. */
export type CredentialEip712TypedData = {
  domain: CredentialEip712Domain;
  types: Record<string, Eip712Field[]>;
  primaryType: 'VerifiableCredential';
  message: Record<string, unknown> & { proof: { type: string; created: string; proofPurpose: string; verificationMethod: string } };
};

export type PrepareCredentialEip712Parameters = {
  /** When the issuer signs (the proof's `created`); now unless said. */
  created?: Date;
  /**
   * Where the service publishes the credential vocabulary (`IDENTREE_CREDENTIAL_CONTEXT_PATH` under its
   * public URL), named in place of the inline context; the embedded service's unless said.
   */
  contextUrl?: string;
};

/**
 * The EIP-712 typed data that secures an Identree VC 2.0 document as an `EthereumEip712Signature2021`
 * credential: what a wallet extension can sign (`eth_signTypedData_v4`), where it cannot sign a raw JWS.
 * Join the wallet's signature with `secureCredentialEip712`; Veramo's `@veramo/credential-eip712`
 * then verifies the result against the issuer's DID document (its `blockchainAccountId`).
 *
 * The types follow the specification's types-generation algorithm (keys in canonical order, one
 * struct per object, arrays of one kind). So the inline vocabulary in `@context` is named by the URL
 * the service publishes it at (`contextUrl`; an EIP-712 array cannot mix URLs and objects), and the
 * terms expand exactly as in the document. The chain anchor `proof` with its salts is not in this
 * form: the signature takes its place. The credential `id` still names the chain, registry and
 * anchor, and the holder keeps the full document beside this form.
 *
 * @example
 * const typed = prepareCredentialEip712(vc)
 * const signature = await wallet.signTypedData({ account, ...typed })
 * const secured = secureCredentialEip712(typed, { signature })
 */
export function prepareCredentialEip712(
  credential: IdentreeCredential,
  { created = new Date(), contextUrl = IDENTREE_CREDENTIAL_CONTEXT_URL }: PrepareCredentialEip712Parameters = {},
): CredentialEip712TypedData {
  const { chainId } = parseIdentreeDid(credential.issuer); // refuses an issuer that is not a did:identree DID
  if (Number.isNaN(created.getTime())) throw new InvalidParameterError('created', 'is not a date');
  if (!URL.canParse(contextUrl)) throw new InvalidParameterError('contextUrl', `"${contextUrl}" is not a URL`);
  const { proof: _anchor, '@context': context, ...claims } = credential;
  const vocabulary = JSON.stringify(IDENTREE_CREDENTIAL_CONTEXT['@context']);
  const message = {
    '@context': context.map((c) => {
      if (typeof c === 'string') return c;
      if (JSON.stringify(c) !== vocabulary) throw new InvalidParameterError('credential', `@context holds an inline context other than Identree's, which no published URL names`);
      return contextUrl;
    }),
    ...claims,
    proof: {
      type: EIP712_PROOF_TYPE,
      created: created.toISOString(),
      proofPurpose: 'assertionMethod',
      // The key that controls the issuer's identity now; after a rotation its address is not the DID's.
      verificationMethod: `${credential.issuer}#controller`,
    },
  };
  const types: Record<string, Eip712Field[]> = {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }],
  };
  types.VerifiableCredential = structOf(message, 'credential', types);
  return { domain: { name: 'VerifiableCredential', version: '1', chainId }, types, primaryType: 'VerifiableCredential', message };
}

/** The fields of one object, its nested objects added to `types` as structs named after their key. */
function structOf(value: Record<string, unknown>, path: string, types: Record<string, Eip712Field[]>): Eip712Field[] {
  return Object.keys(value)
    .sort()
    .map((name) => ({ name, type: typeOf(value[name], name, `${path}.${name}`, types) }));
}

function typeOf(value: unknown, name: string, path: string, types: Record<string, Eip712Field[]>): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return 'uint256';
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InvalidParameterError('credential', `${path} is an empty array, which EIP-712 types cannot describe`);
    const [first, ...rest] = value.map((item, i) => typeOf(item, name, `${path}[${i}]`, types));
    if (rest.some((t) => t !== first)) throw new InvalidParameterError('credential', `${path} mixes kinds of values, which an EIP-712 array cannot hold`);
    return `${first}[]`;
  }
  if (typeof value === 'object' && value !== null) {
    const struct = name.replace(/\W/g, '').replace(/^./, (c) => c.toUpperCase());
    if (!/^[A-Za-z]\w*$/.test(struct)) throw new InvalidParameterError('credential', `${path}: no EIP-712 type name can be made from "${name}"`);
    const fields = structOf(value as Record<string, unknown>, path, types);
    const known = types[struct];
    if (known && JSON.stringify(known) !== JSON.stringify(fields)) {
      throw new InvalidParameterError('credential', `${path} has other fields than another "${name}" object, which one EIP-712 type cannot describe`);
    }
    types[struct] = fields;
    return struct;
  }
  throw new InvalidParameterError('credential', `${path} is ${value === null ? 'null' : typeof value}, which EIP-712 cannot sign`);
}
