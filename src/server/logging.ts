// Structured JSON log lines (pino): one per request, one per unexpected error with its stack; known secrets never written.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config-security.js';
import type { RequestRecord } from './request-scope.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output when left out (on Lambda that is CloudWatch). */
  destination?: DestinationStream;
  /**
   * Values that must never reach a log line (provider tokens, passwords, API keys): replaced by `[redacted]` in
   * the serialized line, whichever field or message carries them. Values under 6 characters are left out: they
   * would garble ordinary words and are not credentials anyone issues.
   */
  secrets?: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a line keeps of an error: its type, message and stack, never its other properties (a request, headers, a body). */
export function serializeError(error: unknown): { type: string; message: string; stack?: string } {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    // Already in this shape (or error-like): the same three fields, whatever else it carries.
    const { type, message, stack } = error as { type?: unknown; message: string; stack?: unknown };
    return { type: typeof type === 'string' ? type : 'object', message, ...(typeof stack === 'string' ? { stack } : {}) };
  }
  return { type: typeof error, message: String(error) };
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...new Set(options.secrets ?? [])].filter((secret) => secret.length >= 6);
  // Longest first, so a secret that contains another is replaced whole. JSON escaping may change a secret's
  // characters (quotes, backslashes), so its JSON form is matched too.
  const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]).sort((a, b) => b.length - a.length);
  const pattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
  return pino(
    {
      level: options.level,
      base: { service: 'teamgraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino's own `err` serializer would name every plain object's type `Object` and copy every property: ours keeps three.
      serializers: { err: serializeError },
      // Headers are never logged, but should one ever be, its credentials are not.
      redact: { paths: ['*.authorization', '*.headers.authorization', '*.cookie'], censor: '[redacted]' },
      ...(pattern ? { hooks: { streamWrite: (line: string) => line.replace(pattern, '[redacted]') } } : {}),
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The one line per request: who, what, how long, what it cost upstream, how it ended. */
export function logRequest(logger: Logger, record: RequestRecord, method: string, status: number): void {
  const calls = Object.values(record.upstream).reduce((sum, n) => sum + (n ?? 0), 0);
  logger.info(
    {
      requestId: record.id,
      caller: record.caller?.name ?? null,
      method,
      status,
      operationName: record.operationName,
      durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
      upstreamCalls: calls,
      upstream: record.upstream,
      errorCodes: record.errorCodes,
    },
    'request',
  );
}

/** An error the client only sees as INTERNAL_SERVER_ERROR: its stack stays here, on the server. */
export function logUnexpected(logger: Logger, record: RequestRecord | undefined, error: unknown): void {
  // A resolver's error reaches masking wrapped in a GraphQLError: the error it wraps is the one whose type says what broke.
  const original = error instanceof Error && 'originalError' in error && error.originalError instanceof Error ? error.originalError : error;
  logger.error({ requestId: record?.id ?? null, err: original }, 'unexpected error');
}
