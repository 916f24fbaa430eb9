// The password-grant access token: fetched once, shared by concurrent calls, renewed before expiry or after a 401.
import type { HttpClient } from '../http.js';
import { routePath } from '../route-path.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import { WireOAuthError, WireToken } from './wire.js';

/** The resource-owner client and secret CxSAST ships with and documents publicly. */
export const DEFAULT_CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
const CLIENT_ID = 'resource_owner_client';
const SCOPE = 'access_control_api sast_rest_api';
const TOKEN_PATH = routePath('/auth/identity/connect/token');
/** Renew this long before expiry, at most: a token must not lapse between being read and being used. */
const MAX_RENEW_MARGIN_S = 60;

export interface PasswordCredentials {
  username: string;
  password: string;
  clientSecret: string;
}

export class PasswordGrant {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly http: () => HttpClient,
    private readonly credentials: PasswordCredentials,
    /** The base URL's path (`/cxrestapi`), for the route named in errors. */
    private readonly basePath: string,
  ) {}

  /** A valid token: the cached one, the one being fetched, or a new one (one request however many callers). */
  token(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets `token` after the server refused it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  /** What must never appear in a message. */
  secrets(): string[] {
    return this.current ? [this.current.token] : [];
  }

  private async fetch(): Promise<string> {
    const { username, password, clientSecret } = this.credentials;
    const response = await this.http().request({
      method: 'POST',
      path: TOKEN_PATH,
      form: { username, password, grant_type: 'password', scope: SCOPE, client_id: CLIENT_ID, client_secret: clientSecret },
      auth: false,
      // Issuing a second token changes nothing a caller relies on, so a lost answer may be asked again.
      idempotent: true,
      // IdentityServer refuses credentials with 400 (invalid_grant); read those here instead of as INVALID.
      accept: [400, 401],
      sensitive: [username, password, clientSecret],
    });
    const route = `POST ${this.basePath}${response.route}`;
    if (response.status !== 200) throw refused(response.status, response.body, route);
    const body = parseResponse('CHECKMARX', WireToken, response.body, route);
    // Renew a little early: a tenth of the lifetime, at most a minute.
    const margin = Math.min(MAX_RENEW_MARGIN_S, body.expires_in / 10);
    this.current = { token: body.access_token, renewAt: Date.now() + (body.expires_in - margin) * 1000 };
    return body.access_token;
  }
}

/** UNAUTHENTICATED naming only OAuth's own error codes: never the user name, the password or the secret. */
function refused(status: number, body: unknown, route: string): ProviderError {
  const parsed = WireOAuthError.safeParse(body);
  const code = (value: string | undefined) => (value && /^[a-z_]{1,64}$/.test(value) ? value : undefined);
  const error = parsed.success ? code(parsed.data.error) : undefined;
  const description = parsed.success ? code(parsed.data.error_description) : undefined;
  const reason = error ? `: ${error}${description ? ` (${description})` : ''}` : '';
  return new ProviderError('CHECKMARX', 'UNAUTHENTICATED', `Checkmarx refused the password grant${reason}`, { status, route });
}
