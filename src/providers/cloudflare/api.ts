// Cloudflare's calls over the shared HTTP client: the v4 envelope unwrapped, refusals classified, route templates named.
import type { z } from 'zod';
import { kindForStatus, type HttpClient, type HttpMethod } from '../http.js';
import type { RoutePath } from '../route-path.js';
import { ProviderError, type ProviderErrorKind } from '../types.js';
import { parseResponse } from '../validate.js';
import { describeErrors, failureEnvelope, type ResponseMessage } from './wire.js';

/** Route templates, named as docs/providers/cloudflare.md and the sandbox name them, so traces and request logs agree. */
export const ROUTES = {
  accounts: '/accounts',
  account: '/accounts/{account_id}',
  accountMembers: '/accounts/{account_id}/members',
  accountMember: '/accounts/{account_id}/members/{member_id}',
  userGroups: '/accounts/{account_id}/iam/user_groups',
  userGroup: '/accounts/{account_id}/iam/user_groups/{user_group_id}',
  groupMembers: '/accounts/{account_id}/iam/user_groups/{user_group_id}/members',
  groupMember: '/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}',
} as const;

/**
 * [infer] Not-found codes of the sandbox (the API reference documents none): a 404 carrying one of them is
 * only a hint that the parent is missing, and makes a read check the parent. No outcome rests on them: a 404
 * without them (as the real API may answer) is decided by its status and, where that is ambiguous, by state.
 */
export const PARENT_MISSING_HINTS = {
  group: 1001,
  account: 1005,
} as const;

/**
 * [observed] Field reports (not the API reference): a malformed Authorization header is answered 400 with
 * code 6003 "Invalid request headers" (error_chain 6111 "Invalid format for Authorization header"), and a
 * valid token without the needed permission 403 with code 10000 "Authentication error".
 */
const OBSERVED_AUTH_CODES = {
  invalidRequestHeaders: 6003,
  authenticationError: 10000,
} as const;

export interface Call {
  method: HttpMethod;
  path: RoutePath;
  query?: Readonly<Record<string, string | number | undefined>>;
  json?: unknown;
  /** As docs/providers/cloudflare.md (Contract) says: GETs and the member PUT are safe to resend; POST and DELETE are not. */
  idempotent: boolean;
}

/** A refused call whose status the caller asked to see, with the envelope's messages (for the error text). */
export interface Refusal {
  ok: false;
  status: number;
  errors: ResponseMessage[];
  error: ProviderError;
}

/**
 * The kind of a refusal: by its status (401 UNAUTHENTICATED, 403 FORBIDDEN, ...), except a 400 whose envelope
 * says the credentials were unreadable. [observed] That 400 (code 6003) is about the token, not the caller's
 * input, so it is UNAUTHENTICATED rather than INVALID. A 403 stays FORBIDDEN even with code 10000
 * ("Authentication error"): [observed] Cloudflare sends it for a valid token that lacks a permission.
 */
function kindOf(status: number, errors: readonly ResponseMessage[]): ProviderErrorKind {
  if (status === 400 && errors.some((e) => e.code === OBSERVED_AUTH_CODES.invalidRequestHeaders)) return 'UNAUTHENTICATED';
  return kindForStatus(status);
}

export class CloudflareApi {
  constructor(
    private readonly http: HttpClient,
    /** The base URL's path (`/client/v4`), for the route named in errors. */
    private readonly basePath: string,
    /** Kept out of the messages this class writes itself (the HTTP client redacts its own). */
    private readonly token: string,
  ) {}

  /** Sends a call; a 2xx body is parsed with `schema`, any other status is thrown as a ProviderError. */
  async call<S extends z.ZodType>(call: Call, schema: S): Promise<z.output<S>> {
    const answer = await this.attempt(call, schema, []);
    if (!answer.ok) throw answer.error;
    return answer.value;
  }

  /**
   * Like `call`, but the statuses in `refusals` come back as a Refusal. A 400 is always read here (never left
   * to the HTTP client's status mapping) so that a refused token is told from refused input (see `kindOf`).
   */
  async attempt<S extends z.ZodType>(call: Call, schema: S, refusals: readonly number[]): Promise<{ ok: true; value: z.output<S> } | Refusal> {
    const response = await this.request(call, refusals);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, value: parseResponse('CLOUDFLARE', schema, response.body, this.route(call)) };
    }
    const parsed = failureEnvelope.safeParse(response.body);
    const errors = parsed.success ? parsed.data.errors : [];
    const detail = describeErrors(errors);
    const route = this.route(call);
    const message = `Cloudflare answered ${response.status}${detail ? `: ${detail}` : ''} (${route})`;
    const error = new ProviderError('CLOUDFLARE', kindOf(response.status, errors), this.redact(message), {
      status: response.status,
      route,
    });
    if (!refusals.includes(response.status)) throw error;
    return { ok: false, status: response.status, errors, error };
  }

  /** The HTTP call, with 400 accepted; a 400 whose body is not JSON stays INVALID as the status says, as before. */
  private async request(call: Call, refusals: readonly number[]) {
    try {
      return await this.http.request({ ...call, accept: [...new Set([...refusals, 400])] });
    } catch (error) {
      const unreadable = error instanceof ProviderError && error.kind === 'BAD_RESPONSE' && error.status === 400;
      if (!unreadable || refusals.includes(400)) throw error;
      const route = this.route(call);
      throw new ProviderError('CLOUDFLARE', kindForStatus(400), `Cloudflare answered 400 (${route})`, { status: 400, route });
    }
  }

  private route(call: Call): string {
    return `${call.method} ${this.basePath}${call.path.route}`;
  }

  private redact(text: string): string {
    return this.token.length >= 4 ? text.split(this.token).join('[redacted]') : text;
  }
}

/** Whether a refusal carries one of the sandbox's parent-missing hints (see PARENT_MISSING_HINTS). */
export function hintsParentMissing(refusal: Refusal, hints: readonly number[]): boolean {
  return refusal.errors.some((error) => hints.includes(error.code));
}
