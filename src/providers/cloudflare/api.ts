// Cloudflare's transport: the HTTP client with its credentials, the v4 envelope unwrapped, error codes kept.
import type { z } from 'zod';
import { HttpClient, kindForStatus, type CallObserver, type HttpMethod, type HttpTuning } from '../http.js';
import type { RoutePath } from '../route-path.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import { failureEnvelope, type ResponseMessage } from './wire.js';

/** Route templates, named as PROVIDERS.md and the sandbox name them, so traces and request logs agree. */
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

/** `errors[].code` values the adapter acts on. [infer] The API reference documents none of them. */
export const CODES = {
  groupNotFound: 1001,
  notInGroup: 1002,
  accountMemberNotFound: 1003,
  accountNotFound: 1005,
} as const;

export interface CloudflareAdapterConfig {
  /** Such as `https://api.cloudflare.com/client/v4`. */
  baseUrl: string;
  /** An API token, sent as `Authorization: Bearer`. */
  token: string;
  http?: HttpTuning;
}

export interface Call {
  method: HttpMethod;
  path: RoutePath;
  query?: Readonly<Record<string, string | number | undefined>>;
  json?: unknown;
  /** As PROVIDERS.md says: GETs and the member PUT are safe to resend; POST and DELETE are not. */
  idempotent: boolean;
}

/** A refused call whose status the caller asked to see, with the envelope's error codes. */
export interface Refusal {
  ok: false;
  status: number;
  errors: ResponseMessage[];
  error: ProviderError;
}

function describe(errors: readonly ResponseMessage[]): string | undefined {
  const first = errors[0];
  return first ? `${first.message} (code ${first.code})` : undefined;
}

export class CloudflareApi {
  private readonly http: HttpClient;
  private readonly basePath: string;

  constructor(private readonly config: CloudflareAdapterConfig) {
    this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
    this.http = new HttpClient({
      provider: 'CLOUDFLARE',
      providerName: 'Cloudflare',
      baseUrl: config.baseUrl,
      ...config.http,
      authHeaders: () => ({ authorization: `Bearer ${config.token}` }),
      secrets: () => [config.token],
      errorMessage: (_status, body) => {
        const parsed = failureEnvelope.safeParse(body);
        return parsed.success ? describe(parsed.data.errors) : undefined;
      },
    });
  }

  observe(observer: CallObserver): () => void {
    return this.http.observe(observer);
  }

  get breakerState() {
    return this.http.breakerState;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** Sends a call; a 2xx body is parsed with `schema`, any other status is thrown as a ProviderError. */
  async call<S extends z.ZodType>(call: Call, schema: S): Promise<z.output<S>> {
    const response = await this.http.request(call);
    return parseResponse('CLOUDFLARE', schema, response.body, this.route(call));
  }

  /** Like `call`, but the statuses in `refusals` come back as a Refusal carrying the envelope's error codes. */
  async attempt<S extends z.ZodType>(
    call: Call,
    schema: S,
    refusals: readonly number[],
  ): Promise<{ ok: true; value: z.output<S> } | Refusal> {
    const response = await this.http.request({ ...call, accept: refusals });
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, value: parseResponse('CLOUDFLARE', schema, response.body, this.route(call)) };
    }
    const parsed = failureEnvelope.safeParse(response.body);
    const errors = parsed.success ? parsed.data.errors : [];
    const detail = describe(errors);
    const route = this.route(call);
    const message = `Cloudflare answered ${response.status}${detail ? `: ${detail}` : ''} (${route})`;
    const error = new ProviderError('CLOUDFLARE', kindForStatus(response.status), this.redact(message), {
      status: response.status,
      route,
    });
    return { ok: false, status: response.status, errors, error };
  }

  private route(call: Call): string {
    return `${call.method} ${this.basePath}${call.path.route}`;
  }

  private redact(text: string): string {
    return this.config.token.length >= 4 ? text.split(this.config.token).join('[redacted]') : text;
  }
}

/** Whether a refusal carries a given Cloudflare error code. */
export function hasCode(refusal: Refusal, code: number): boolean {
  return refusal.errors.some((error) => error.code === code);
}
