// The command line: flags to a snapshot or a diff command, or a UsageError naming what is wrong (never a value given).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export const DEFAULT_URL = 'http://localhost:4000/graphql';
/** The key `npm start` accepts over the embedded sandbox when no key is configured (README, Querying). */
export const SANDBOX_KEY = 'sandbox';
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;
export const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 600;

export const USAGE = `Usage:
  npm run access-review -- --out <file.json> [--csv <file.csv>] [options]   take a snapshot of who has what
  npm run access-review -- --csv <file.csv> [options]                       the same, as CSV only
  npm run access-review -- --diff <old.json> <new.json>                     what was granted, revoked, changed

Snapshot options:
  --url <url>           the gateway's GraphQL endpoint (default ${DEFAULT_URL})
  --key-file <file>     a file holding the API key (a key with the read scope); else $TEAMGRAPH_API_KEY; else,
                        for a gateway on this machine only, the sandbox key of npm start. Never on the command line.
  --provider <id>       only this provider (a ProviderId of the schema, such as GITBOOK); repeat or
                        separate with commas for several. Diff only snapshots of the same providers.
  --concurrency <n>     requests in flight at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})
  --timeout <seconds>   the longest wait for one request (default ${DEFAULT_TIMEOUT_SECONDS})
  --quiet               no progress lines on stderr

Exit status:
  0  snapshot written; or the diff found no change
  1  the diff found changes (one line each on stdout, then a summary)
  2  bad usage, an unreadable or invalid snapshot file, a URL that does not answer, a key it refuses
  3  the gateway or a provider behind it failed (5xx, a GraphQL error, an unexpected answer); nothing written`;

export interface SnapshotCommand {
  kind: 'snapshot';
  out: string | null;
  csv: string | null;
  url: URL;
  key: string;
  providers: string[] | null;
  concurrency: number;
  timeoutMs: number;
  quiet: boolean;
}

export interface DiffCommand {
  kind: 'diff';
  oldPath: string;
  newPath: string;
}

export type Command = SnapshotCommand | DiffCommand | { kind: 'help' };

const OPTIONS = {
  out: { type: 'string' },
  csv: { type: 'string' },
  diff: { type: 'boolean' },
  url: { type: 'string' },
  'key-file': { type: 'string' },
  provider: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The flags that take no value. */
const SWITCHES = new Set(['diff', 'quiet', 'help', 'h']);

/** Hosts a plain-http URL may name: the key only crosses the network encrypted. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Checks every flag's name before node:util parses: its messages quote the whole argument, and `--key=<secret>`
 * must not be printed back. `--key` gets its own refusal, since a key typed on a command line stays in `ps` and
 * the shell's history.
 */
function checkNames(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
    if (name === 'key' || name === 'api-key' || name === 'token') {
      throw new UsageError(`--${name} is not accepted: a key on the command line shows in ps and the shell history; set TEAMGRAPH_API_KEY or use --key-file`);
    }
    if (!(name in OPTIONS) && name !== 'h') throw new UsageError(`unknown option ${arg.startsWith('--') ? '--' : '-'}${name.slice(0, 40)} (see --help)`);
    if (SWITCHES.has(name) && arg.includes('=')) throw new UsageError(`--${name} takes no value`);
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : '';
    const option = /'(--[a-z-]+)/.exec(message)?.[1] ?? 'an option';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${option} needs a value (see --help)`);
    throw new UsageError(`cannot read the command line: ${message.split('\n')[0]}`);
  }
}

function integer(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return Number(text);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value (see --help)`);
  return value;
}

/** The gateway URL: http(s), no credentials in it, plain http only to this machine. */
function gatewayUrl(text: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(text ?? DEFAULT_URL);
  } catch {
    throw new UsageError('--url is not a URL, such as https://api.example.com/graphql');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--url must be an http or https URL');
  if (url.username || url.password) throw new UsageError('--url must not hold credentials: set TEAMGRAPH_API_KEY or use --key-file');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new UsageError(`--url: refusing to send the API key over plain http to ${url.hostname}; use https`);
  }
  return url;
}

/** The key: --key-file, else $TEAMGRAPH_API_KEY, else the sandbox key for a gateway on this machine. */
function apiKey(keyFile: string | undefined, env: NodeJS.ProcessEnv, url: URL): string {
  let key: string | undefined;
  if (keyFile !== undefined) {
    try {
      key = readFileSync(keyFile, 'utf8').trim();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not readable';
      throw new UsageError(`--key-file ${keyFile}: ${reason}`);
    }
    if (key === '') throw new UsageError(`--key-file ${keyFile} is empty`);
  } else if (env.TEAMGRAPH_API_KEY !== undefined && env.TEAMGRAPH_API_KEY.trim() !== '') {
    key = env.TEAMGRAPH_API_KEY.trim();
  } else if (LOOPBACK.test(url.hostname)) {
    key = SANDBOX_KEY;
  } else {
    throw new UsageError(`no API key for ${url.hostname}: set TEAMGRAPH_API_KEY or use --key-file`);
  }
  // A header value: visible ASCII only (a stray line break would otherwise end the header early).
  if (!/^[!-~]+$/.test(key)) throw new UsageError('the API key holds spaces, control or non-ASCII characters: check the file or variable');
  return key;
}

/** Provider ids as the API spells them, upper case; each given once. */
function providerIds(values: readonly string[] | undefined): string[] | null {
  if (!values) return null;
  const ids = new Set<string>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const id = value.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(id)) throw new UsageError('--provider takes provider ids as the schema names them, such as GITBOOK (see --help)');
    ids.add(id);
  }
  return [...ids];
}

export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Command {
  checkNames(argv);
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };

  const snapshotFlags = (['out', 'csv', 'url', 'key-file', 'provider', 'concurrency', 'timeout', 'quiet'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (values.diff) {
    if (snapshotFlags.length > 0) throw new UsageError(`--diff compares two files and takes no --${snapshotFlags[0]}: either take a snapshot or diff two`);
    if (positionals.length !== 2) throw new UsageError(`--diff needs two snapshot files, old then new; got ${positionals.length}`);
    return { kind: 'diff', oldPath: positionals[0]!, newPath: positionals[1]! };
  }
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0]!.slice(0, 80))}: only --diff takes file names without a flag`);
  const out = nonEmpty(values.out, '--out') ?? null;
  const csv = nonEmpty(values.csv, '--csv') ?? null;
  if (out === null && csv === null)
    throw new UsageError('nothing to do: give --out <file.json> and/or --csv <file.csv> for a snapshot, or --diff <old.json> <new.json>');
  if (out !== null && out === csv) throw new UsageError('--out and --csv name the same file');

  const url = gatewayUrl(nonEmpty(values.url, '--url'));
  return {
    kind: 'snapshot',
    out,
    csv,
    url,
    key: apiKey(nonEmpty(values['key-file'], '--key-file'), env, url),
    providers: providerIds(values.provider),
    concurrency: values.concurrency === undefined ? DEFAULT_CONCURRENCY : integer(values.concurrency, '--concurrency', 1, MAX_CONCURRENCY),
    timeoutMs: 1000 * (values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : integer(values.timeout, '--timeout', 1, MAX_TIMEOUT_SECONDS)),
    quiet: values.quiet === true,
  };
}
