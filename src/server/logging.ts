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
  const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { type: typeof error, message: String(error) };
  logger.error({ requestId: record?.id ?? null, err }, 'unexpected error');
}
