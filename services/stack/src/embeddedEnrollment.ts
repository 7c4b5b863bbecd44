import type { Address } from 'viem';
import type { AppDependencies } from '@identree/api';
import { createTesseractRecogniser, readDocument, type FieldRecogniser } from '@identree/documents';
import { sdkEnrollmentChain, type SubmissionStore } from '@identree/enrollment';
import { ensureEnrollmentRegistry } from '@identree/chain';

type Chain = Parameters<typeof ensureEnrollmentRegistry>[0]['chain'] & { chainId: number };

/**
 * Document enrollment (issue 20) on the one-process stack, when DOCUMENT_ENROLLMENT=1: the enrollment
 * registry beside the registry (deployed once, recorded in the data directory), the sponsor as the identity provider, and
 * tesseract loaded on the first upload so other starts pay nothing. Submissions are kept in `store`, the storage's
 * (`storage.enrollmentSubmissions`), so pending enrollments outlive a restart.
 */
export async function embeddedEnrollment({ chain, deploymentDir, store }: { chain: Chain; deploymentDir: string; store: SubmissionStore }): Promise<{
  enrollmentRegistry: Address;
  enrollment: NonNullable<AppDependencies['enrollment']>;
  close: () => Promise<void>;
}> {
  const sponsor = chain.sponsor as Parameters<typeof sdkEnrollmentChain>[0];
  const enrollmentRegistry = await ensureEnrollmentRegistry({ chain, deploymentDir });
  let recogniser: Promise<FieldRecogniser> | undefined;
  return {
    enrollmentRegistry,
    enrollment: {
      chain: sdkEnrollmentChain(sponsor, enrollmentRegistry, chain.chainId),
      store,
      read: async (image, templateId) => readDocument({ image, templateId, recogniser: await (recogniser ??= createTesseractRecogniser()) }),
      provider: { address: sponsor.account!.address, client: sponsor },
    },
    close: async () => void (await (await recogniser)?.close()),
  };
}
