/**
 * OAuth 2.0 error codes (RFC 6749 §5.2, OpenID Connect Core §3.1.2.6), answered as
 * `{ error, error_description }`: the shape relying-party libraries parse.
 */
export const oauthErrors = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  invalid_token: 401,
  access_denied: 403,
  login_required: 401,
} as const;
export type OAuthErrorCode = keyof typeof oauthErrors;

export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly statusCode: number;
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.statusCode = oauthErrors[code];
  }
  toJSON() {
    return { error: this.code, error_description: this.description };
  }
}
