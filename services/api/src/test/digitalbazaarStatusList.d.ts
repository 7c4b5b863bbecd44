// Digital Bazaar's checker ships no types; only what the status-list interop test calls.
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: {
    credential: unknown;
    documentLoader: (url: string) => Promise<{ document: unknown; documentUrl: string; contextUrl: string | null }>;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; error?: unknown; results: { credentialStatus: unknown; status: boolean }[] }>;
}
