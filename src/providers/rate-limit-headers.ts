// Reads how long a provider asks us to wait, from Retry-After and the providers' own rate-limit headers.

type HeaderValue = string | string[] | undefined;
export type ResponseHeaders = Record<string, HeaderValue>;

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 10.2.3). */
function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Cloudflare's `Ratelimit: "default";r=0;t=30` (IETF draft RateLimit fields): `t` is seconds to reset. */
function parseRatelimitField(value: string | undefined): { remaining?: number; reset?: number } {
  if (value === undefined) return {};
  const remaining = /(?:^|;)\s*r=(\d+)/.exec(value)?.[1];
  const reset = /(?:^|;)\s*t=(\d+)/.exec(value)?.[1];
  return {
    remaining: remaining === undefined ? undefined : Number(remaining),
    reset: reset === undefined ? undefined : Number(reset),
  };
}

/**
 * Seconds to wait before the next call, or undefined when the response says nothing. Retry-After wins;
 * then GitBook's X-RateLimit-Reset (epoch seconds) when X-RateLimit-Remaining is 0; then Cloudflare's
 * Ratelimit `t` when its `r` is 0.
 */
export function waitSecondsFrom(headers: ResponseHeaders, now: number = Date.now()): number | undefined {
  const retryAfter = parseRetryAfter(first(headers['retry-after']), now);
  if (retryAfter !== undefined) return retryAfter;

  const remaining = first(headers['x-ratelimit-remaining']);
  const reset = first(headers['x-ratelimit-reset']);
  if (remaining !== undefined && Number(remaining) === 0 && reset !== undefined && /^\d+$/.test(reset.trim())) {
    return Math.max(0, Number(reset) - Math.floor(now / 1000));
  }

  const field = parseRatelimitField(first(headers.ratelimit));
  if (field.remaining === 0 && field.reset !== undefined) return field.reset;
  return undefined;
}
