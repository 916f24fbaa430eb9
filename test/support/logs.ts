// Gateway log lines captured in memory, and the secrets scan every gateway test's responses and log lines go through.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/server/logging.js';

/**
 * Credentials the suite uses: the sandbox's provider tokens and passwords, and the passwords and keys tests set.
 * None of them may ever appear in a response body or a log line. (`sandbox`, the Checkmarx sandbox password, is
 * also the sandbox API key's name and a word in messages: the scan looks for the distinctive ones.)
 */
export const KNOWN_SECRETS: readonly string[] = [
  'sandbox-token',
  'sandbox-readonly-token',
  '014DF517-39D1-4453-B7B3-9930C563627C',
  'Leaky-Secret-123',
  'never-sent-1',
  'hunter2-canary-password',
  'canary-api-key-0001',
  'matrix-read-key-0001',
  'matrix-write-key-0001',
  'matrix-trace-key-0001',
  'matrix-writeonly-key-0001',
  'matrix-router-key-0001',
  'matrix-federation-key-0001',
];

/** Everything the suite's gateways wrote and answered in this test file, for the scan. */
const captured: string[] = [];

export function remember(text: string): void {
  captured.push(text);
}

/** The secrets found in anything captured so far (empty when clean), with where they were seen. */
export function leakedSecrets(extra: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const secret of [...KNOWN_SECRETS, ...extra]) {
    const hit = captured.find((text) => text.includes(secret));
    if (hit) found.push(`${secret} in ${hit.slice(0, 300)}`);
  }
  return found;
}

export interface CapturedLogs {
  logger: Logger;
  /** Each JSON line the logger wrote, parsed. */
  lines(): Array<Record<string, unknown>>;
}

/** A real pino logger writing into memory (and into the secrets scan), at info level. */
export function captureLogs(secrets: readonly string[] = []): CapturedLogs {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        raw.push(line);
        remember(line);
      }
      done();
    },
  });
  return {
    logger: createLogger({ level: 'info', destination, secrets }),
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
