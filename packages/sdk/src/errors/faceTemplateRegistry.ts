import type { ContractErrorArgs, ContractErrorName } from 'viem';
import { BaseError as ViemBaseError, ContractFunctionRevertedError } from 'viem';
import { faceTemplateRegistryAbi } from '@identree/abi';
import { IdentreeError } from './base.js';
import { RegistryRevertError } from './registry.js';
import { decodeHolderRegistryError } from './holderRegistry.js';

type Abi = typeof faceTemplateRegistryAbi;
export type FaceTemplateRegistryErrorName = ContractErrorName<Abi>;
export type FaceTemplateRegistryErrorArgs<N extends FaceTemplateRegistryErrorName> = ContractErrorArgs<Abi, N>;

type Describe<N extends FaceTemplateRegistryErrorName> = (args: FaceTemplateRegistryErrorArgs<N>) => string;
type FaceErrorClass = new (args: any, options?: { cause?: unknown; details?: string }) => RegistryRevertError;

const byName = new Map<string, FaceErrorClass>();

/** One class per custom error of the face template registry, in the manner of `errors/enrollmentRegistry.ts`. */
function revertError<const N extends FaceTemplateRegistryErrorName>(errorName: N, describe: Describe<N>) {
  const Class = class extends RegistryRevertError {
    static readonly errorName = errorName;
    constructor(args: FaceTemplateRegistryErrorArgs<N>, options: { cause?: unknown; details?: string } = {}) {
      super(errorName as never, args as never, describe(args), options);
      this.name = `${errorName}Error`;
    }
  };
  Object.defineProperty(Class, 'name', { value: `${errorName}Error` });
  byName.set(errorName, Class as unknown as FaceErrorClass);
  return Class;
}

export const FaceTemplateIdentityInactiveError = revertError('FaceTemplateIdentityInactive', ([i]) => `${i} is not an active registered entity, so it cannot enroll a face template.`);
export type FaceTemplateIdentityInactiveError = InstanceType<typeof FaceTemplateIdentityInactiveError>;
export const FaceTemplateAlreadyEnrolledError = revertError('FaceTemplateAlreadyEnrolled', ([i, v]) => `${i} already has face template version ${v}: re-enroll to replace it.`);
export type FaceTemplateAlreadyEnrolledError = InstanceType<typeof FaceTemplateAlreadyEnrolledError>;
export const FaceTemplateNotEnrolledError = revertError('FaceTemplateNotEnrolled', ([i]) => `${i} has no enrolled face template.`);
export type FaceTemplateNotEnrolledError = InstanceType<typeof FaceTemplateNotEnrolledError>;
export const FaceTemplateVersionNotIncreasingError = revertError('FaceTemplateVersionNotIncreasing', ([v, c]) => `Face template version ${v} does not exceed ${c}, the last version used.`);
export type FaceTemplateVersionNotIncreasingError = InstanceType<typeof FaceTemplateVersionNotIncreasingError>;
export const FaceTemplateVersionStaleError = revertError('FaceTemplateVersionStale', ([v, c]) => `The erasure names face template version ${v}, but version ${c} is enrolled.`);
export type FaceTemplateVersionStaleError = InstanceType<typeof FaceTemplateVersionStaleError>;
export const FaceTemplateCidInvalidError = revertError('FaceTemplateCidInvalid', ([n]) => `A face template CID is 1 to 64 bytes of binary CID, not ${n}.`);
export type FaceTemplateCidInvalidError = InstanceType<typeof FaceTemplateCidInvalidError>;
export const FaceTemplateSignatureExpiredError = revertError('FaceTemplateSignatureExpired', ([d]) => `The holder's signed face template message expired at ${d} (unix seconds); sign again.`);
export type FaceTemplateSignatureExpiredError = InstanceType<typeof FaceTemplateSignatureExpiredError>;
export const FaceTemplateSignatureInvalidError = revertError('FaceTemplateSignatureInvalid', ([i]) => `The signature is not ${i}'s current key's over this face template message at its current nonce.`);
export type FaceTemplateSignatureInvalidError = InstanceType<typeof FaceTemplateSignatureInvalidError>;

/** The class for a face-template-registry custom error name, when the SDK knows it. */
export const faceTemplateRegistryErrorClass = (errorName: string): FaceErrorClass | undefined => byName.get(errorName);

/**
 * Turns whatever viem threw for a face-template-registry call into the SDK's typed error; reverts it does
 * not declare (KeyRetired from the holder registry it reads) fall through to the holder registry's decoder.
 */
export function decodeFaceTemplateRegistryError(error: unknown): Error {
  if (error instanceof IdentreeError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    const name = revert?.data?.errorName;
    const Class = name ? faceTemplateRegistryErrorClass(name) : undefined;
    if (Class) return new Class((revert!.data?.args ?? []) as readonly unknown[], { cause: error });
  }
  return decodeHolderRegistryError(error);
}
