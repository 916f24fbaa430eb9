// The CLI's failures, each with the exit status it ends with: the caller's mistake (2) or the gateway failing (3).

/** Exit statuses, as `--help` and README list them. */
export const EXIT = {
  /** A snapshot written, or a diff that found nothing. */
  ok: 0,
  /** A diff that found changes: a scheduled job's signal to look. */
  changes: 1,
  /** Bad usage, an unreadable or invalid file, a URL that does not answer or refuses the key: nothing written. */
  usage: 2,
  /** The gateway or a provider behind it failed, or answered something unexpected: nothing written. */
  server: 3,
} as const;

/** Something the caller can fix: the flags, a file, the URL or the key. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}

/** The gateway answered with a failure (5xx, a GraphQL error, a wrong shape) or stopped answering mid-walk. */
export class ServerError extends Error {
  readonly exitCode = EXIT.server;
}
