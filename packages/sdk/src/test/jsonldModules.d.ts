// jsonld and Digital Bazaar's VC library ship no types; only what the data-model interop test calls.
declare module 'jsonld' {
  const jsonld: { expand(input: unknown, options: { documentLoader: (url: string) => Promise<unknown>; safe?: boolean }): Promise<unknown[]> };
  export default jsonld;
}
declare module '@digitalbazaar/vc' {
  export function _checkCredential(options: { credential: unknown; now?: Date; mode?: 'issue' | 'verify' }): void;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
