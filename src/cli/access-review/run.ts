// One command line run: a snapshot of who has what through the public GraphQL API, or the diff of two snapshots.
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, parseCommand, type SnapshotCommand, USAGE } from './args.js';
import { snapshotCsv } from './csv.js';
import { changeLine, diffSnapshots, summaryLine } from './diff.js';
import { EXIT, ServerError, UsageError } from './errors.js';
import { createGraphQLClient } from './graphql-client.js';
import { createLimiter } from './limiter.js';
import { createProgress } from './progress.js';
import { readSnapshot, snapshotJson } from './snapshot.js';
import { walkSnapshot } from './walk.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `1 group`, `53 groups`. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Fails before a long walk, not after it, when a file cannot be written where asked. */
function checkWritable(path: string, flag: string): void {
  const directory = dirname(path);
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    accessSync(directory, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: cannot write in ${directory} (missing or read-only)`);
  }
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${flag} ${path} is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}

/** Written beside the target and renamed over it: a reader never sees half a file, a failure leaves the old one. */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function snapshot(command: SnapshotCommand, io: Io): Promise<number> {
  if (command.out) checkWritable(command.out, '--out');
  if (command.csv) checkWritable(command.csv, '--csv');
  const progress = createProgress((line) => io.err(`${line}\n`), command.quiet);
  const limit = createLimiter(command.concurrency);
  const send = createGraphQLClient({ url: command.url, key: command.key, timeoutMs: command.timeoutMs, onRequest: progress.request });
  const result = await walkSnapshot({
    request: (query, variables) => limit(() => send(query, variables)),
    providers: command.providers,
    source: command.url.origin,
    onMemberships: progress.memberships,
  });
  progress.done();
  const written: string[] = [];
  if (command.out) {
    writeWhole(command.out, snapshotJson(result));
    written.push(command.out);
  }
  if (command.csv) {
    writeWhole(command.csv, snapshotCsv(result));
    written.push(command.csv);
  }
  const { counts } = result;
  io.out(
    `Wrote ${written.join(' and ')}: ${count(counts.memberships, 'membership')} of ${count(counts.people, 'person', 'people')} in ${count(counts.groups, 'group')} of ${count(counts.organizations, 'organization')} (${result.providers.map((p) => p.id).join(', ')}), in ${(result.durationMs / 1000).toFixed(1)} s.\n`,
  );
  return EXIT.ok;
}

function diff(oldPath: string, newPath: string, io: Io): number {
  const before = readSnapshot(oldPath);
  const after = readSnapshot(newPath);
  if (before.source !== after.source) io.err(`access-review: note: the snapshots come from different gateways (${before.source}, ${after.source})\n`);
  const result = diffSnapshots(before, after);
  for (const change of result.changes) io.out(`${changeLine(change)}\n`);
  io.out(`${summaryLine(result, before, after)}\n`);
  return result.changes.length > 0 ? EXIT.changes : EXIT.ok;
}

/** Runs one command line; the exit status, every failure reported as one line on stderr. */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv, env);
    if (command.kind === 'help') {
      io.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    return command.kind === 'diff' ? diff(command.oldPath, command.newPath, io) : await snapshot(command, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ServerError) {
      io.err(`access-review: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours: the stack helps, and it holds no key (the key lives only in a header).
    io.err(`access-review: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.server;
  }
}
