// One GraphQL POST to the gateway with the key, a deadline and a few retries; failures become Usage or Server errors.
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerError, UsageError } from './errors.js';

export interface GraphQLClientOptions {
  url: URL;
  key: string;
  timeoutMs: number;
  /** Called once per HTTP request sent (retries included), for the progress lines. */
  onRequest?: () => void;
}

export type GraphQLRequest = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

interface GraphQLError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; provider?: unknown; retryAfter?: unknown };
}

/** Attempts per request: the reads are idempotent, so a transient failure is worth two more tries. */
const ATTEMPTS = 3;
const BACKOFF_MS = 500;
/** The longest wait a RATE_LIMITED answer may impose before a retry; longer is a failure. */
const MAX_RETRY_AFTER_SECONDS = 30;
/** HTTP statuses a gateway answers when it is busy or a hop in front of it is (API Gateway, a load balancer). */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
/** GraphQL error codes of a provider that may answer on a second try. */
const TRANSIENT_CODES = new Set(['RATE_LIMITED', 'PROVIDER_UNAVAILABLE']);

/** A failure worth another attempt, and how long to wait first. */
class Transient extends Error {
  constructor(
    readonly failure: Error,
    /** The wait before the next attempt; `null` for the client's own backoff. */
    readonly waitMs: number | null,
  ) {
    super(failure.message);
  }
}

/** The URL without its query string or fragment, which could carry a token: what messages may show. */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** A text from the server, one line, at most 300 characters, with the key taken out should it ever appear. */
function clean(text: string, key: string): string {
  return text.replaceAll(key, '[redacted]').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The gate's own words from an error body (`{"errors":[{"message":...}]}`), else the body itself. */
function gatewayMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { errors?: Array<{ message?: unknown }> }).errors?.[0]?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON (a proxy's page, say): the text, cut short, says more than nothing.
  }
  return text || 'no reason given';
}

function describeError(error: GraphQLError, key: string): string {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'no code';
  const provider = typeof error.extensions?.provider === 'string' ? ` from ${error.extensions.provider}` : '';
  const path = Array.isArray(error.path) ? ` at ${error.path.join('.')}` : '';
  return `${code}${provider}${path}: ${clean(String(error.message ?? ''), key)}`;
}

export function createGraphQLClient(options: GraphQLClientOptions): GraphQLRequest {
  const where = shownUrl(options.url);
  let reached = false;

  async function attempt<T>(body: string): Promise<T> {
    options.onRequest?.();
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.key}` },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new Transient(new ServerError(`${where} did not answer within ${options.timeoutMs / 1000} s (--timeout)`), null);
      }
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : 'network error';
      // Before the first answer, nothing listening there is the caller's URL to fix; mid-walk it is an outage.
      if (!reached) throw new UsageError(`cannot reach ${where} (${reason}): is the gateway running there?`);
      throw new Transient(new ServerError(`the connection to ${where} failed (${reason})`), null);
    }
    reached = true;
    const text = await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403) {
      throw new UsageError(`${where} refused the API key (HTTP ${response.status}: ${clean(gatewayMessage(text), options.key).slice(0, 160)})`);
    }
    if (response.status === 404) throw new UsageError(`${where} answered 404: is it the gateway's /graphql URL?`);
    if (TRANSIENT_STATUS.has(response.status)) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS) * 1000 : null;
      throw new Transient(new ServerError(`${where} answered HTTP ${response.status}`), wait);
    }
    let parsed: { data?: T | null; errors?: GraphQLError[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new ServerError(`${where} answered HTTP ${response.status} with a body that is not JSON: is it a teamgraph gateway?`);
    }
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    if (errors.length > 0) {
      const first = errors[0]!;
      const failure = new ServerError(
        `the gateway answered an error: ${describeError(first, options.key)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      );
      const code = first.extensions?.code;
      // The gateway refusing this caller (no provider named): a key without the read scope, the caller's to fix.
      if ((code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') && first.extensions?.provider == null) {
        throw new UsageError(`${where} refused the API key: ${clean(String(first.message ?? ''), options.key)} (a key with the read scope is needed)`);
      }
      if (typeof code === 'string' && TRANSIENT_CODES.has(code)) {
        const retryAfter = Number(first.extensions?.retryAfter);
        if (Number.isFinite(retryAfter) && retryAfter > MAX_RETRY_AFTER_SECONDS) throw failure;
        throw new Transient(failure, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
      }
      throw failure;
    }
    if (response.status !== 200 || parsed.data === undefined || parsed.data === null) {
      throw new ServerError(`${where} answered HTTP ${response.status} without data`);
    }
    return parsed.data;
  }

  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const body = JSON.stringify({ query, variables });
    for (let n = 1; ; n++) {
      try {
        return await attempt<T>(body);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        if (n >= ATTEMPTS) throw error.failure;
        // The server's wait when it named one; else jittered and doubling, so requests that failed together do not
        // come back together.
        await sleep(error.waitMs ?? BACKOFF_MS * 2 ** (n - 1) * (0.75 + Math.random() / 2));
      }
    }
  };
}
