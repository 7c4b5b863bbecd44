import type { Address } from 'viem';
import { enrollmentDependencies, type EnrollmentDependenciesReturnType } from '@identree/api';
import { sdkEnrollmentChain, type SubmissionStore } from '@identree/enrollment';
import { ensureEnrollmentRegistry } from '@identree/chain';

type Chain = Parameters<typeof ensureEnrollmentRegistry>[0]['chain'] & { chainId: number };

/**
 * Document enrollment (issue 20) on the one-process stack, when DOCUMENT_ENROLLMENT=1: the enrollment
 * registry beside the registry (deployed once, recorded in the data directory), the sponsor as the identity provider, and
 * tesseract loaded on the first upload so other starts pay nothing (`enrollmentDependencies`, as the split API mounts it).
 * Submissions are kept in `store`, the storage's (`storage.enrollmentSubmissions`), so pending enrollments outlive a restart.
 */
export async function embeddedEnrollment({ chain, deploymentDir, store }: { chain: Chain; deploymentDir: string; store: SubmissionStore }): Promise<EnrollmentDependenciesReturnType & { enrollmentRegistry: Address }> {
  const sponsor = chain.sponsor as Parameters<typeof sdkEnrollmentChain>[0];
  const enrollmentRegistry = await ensureEnrollmentRegistry({ chain, deploymentDir });
  return {
    enrollmentRegistry,
    ...enrollmentDependencies({
      chain: sdkEnrollmentChain(sponsor, enrollmentRegistry, chain.chainId),
      store,
      provider: { address: sponsor.account!.address, client: sponsor },
    }),
  };
}
