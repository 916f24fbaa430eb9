// The OAuth2 resource-owner password grant at /auth/identity/connect/token, and the bearer tokens it issues.
import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../core/types.js';
import type { AccessControlState, User } from './state.js';

export const CLIENT_ID = 'resource_owner_client';
/** The client secret CxSAST documents publicly for its resource-owner client. */
export const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
const REQUIRED_SCOPE = 'access_control_api';
// [infer] Scopes the resource-owner client may ask for; anything else is invalid_scope.
const KNOWN_SCOPES = new Set(['access_control_api', 'sast_rest_api', 'cxarm_api', 'offline_access']);

interface Session {
  userId: number;
  expiresAt: number;
}

/** IdentityServer's token endpoint answers in OAuth's own error shape, not Checkmarx's messageCode body. */
function oauthError(error: string, description?: string): SimResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: description === undefined ? { error } : { error, error_description: description },
  };
}

export class TokenStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly state: () => AccessControlState,
  ) {}

  /** The user behind a request's bearer token, or undefined when the token is missing, unknown or expired. */
  caller(req: SimRequest): User | undefined {
    const header = req.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
    if (!match) return undefined;
    const session = this.sessions.get(match[1] as string);
    if (!session) return undefined;
    if (Date.now() >= session.expiresAt) {
      this.sessions.delete(match[1] as string);
      return undefined;
    }
    const user = this.state().users.get(session.userId);
    return user?.active ? user : undefined;
  }

  /** Makes every issued token expired, as if the TTL had passed. */
  expireAll(): void {
    this.sessions.clear();
  }

  /** POST /auth/identity/connect/token (form-urlencoded, no bearer). */
  grant(req: SimRequest): SimResponse {
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return oauthError('invalid_request');
    const form = req.form();
    // Order as IdentityServer checks: the client, then the grant type, then scopes, then the user.
    if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return oauthError('invalid_client');
    if (!form.get('grant_type')) return oauthError('invalid_request', 'grant_type is missing');
    if (form.get('grant_type') !== 'password') return oauthError('unsupported_grant_type');
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    // [infer] A scope list without access_control_api, or with an unknown scope, is invalid_scope.
    if (!scopes.includes(REQUIRED_SCOPE) || scopes.some((s) => !KNOWN_SCOPES.has(s))) return oauthError('invalid_scope');

    const state = this.state();
    const user = state.userByName(form.get('username') ?? '');
    if (!user || !user.active || user.password !== form.get('password')) {
      return oauthError('invalid_grant', 'invalid_username_or_password');
    }
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId: user.id, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    state.recordLogin(user);
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' },
      body: { access_token: token, expires_in: this.ttlSeconds, token_type: 'Bearer' },
    };
  }

  /** Drops the sessions of a deleted user. */
  revokeUser(userId: number): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }
}
