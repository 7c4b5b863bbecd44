import type { Address } from 'viem';
import { callService } from './http.js';

export type LoginRequestContext = {
  client: { id: string; name: string; verifier: Address | null; redirectOrigin: string };
  scope: string;
  siwe: { domain: string; uri: string; chainId: number; statement: string; nonce: string; expiresAt: string };
  claimsOffered: string[];
};

export type ClaimsPreview = {
  identity: Address;
  did: string;
  kind: string | null;
  status: string | null;
  credentials: { uid: `0x${string}`; type: string; level: string; valid: boolean; validUntil: number; issuer: Address }[];
};

export const fetchLoginRequest = (request: string) => callService<LoginRequestContext>(`/oidc/login-request?request=${encodeURIComponent(request)}`);
export const fetchClaimsPreview = (key: Address) => callService<ClaimsPreview>(`/oidc/claims-preview?key=${key}`);
export const approveLogin = (body: { request: string; message: string; signature: string; release: { kind: boolean; credentials: string[] } }) =>
  callService<{ redirectTo: string }>('/oidc/login', { method: 'POST', body });
export const denyLogin = (request: string) => callService<{ redirectTo: string }>('/oidc/deny', { method: 'POST', body: { request } });
