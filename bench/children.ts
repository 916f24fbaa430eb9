// The bench's child processes: started in their own process groups, stopped on exit, Ctrl-C, SIGTERM or any error.
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const started = new Set<ChildProcess>();

/** Kills every child's whole process group (npm start's shell and node included); synchronous, so it runs on `exit`. */
export function stopChildren(): void {
  for (const child of started) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  started.clear();
}

let guarded = false;

/** Once per process: children die with the bench, whatever ends it. */
export function guardChildren(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', stopChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      stopChildren();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    stopChildren();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    stopChildren();
    process.exit(1);
  });
}

/** A bench entry (TypeScript) as a child with an IPC channel; it exits when the channel closes (see `exitWithParent`). */
export function forkEntry(entry: string, env: Record<string, string> = {}): ChildProcess {
  guardChildren();
  const child = fork(path.join(ROOT, entry), [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

/**
 * A command (`npm start`) that is no bench entry, under `guard.ts`: the guard runs it in the guard's process group
 * and ends that group when the bench goes, even if the bench was killed without a chance to stop it.
 */
export function spawnGuarded(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return forkEntry('bench/guard.ts', { ...env, BENCH_GUARD_COMMAND: JSON.stringify([command, ...args]) });
}

/** For a forked child: leave when the bench goes, even if it was killed without a chance to stop us. */
export function exitWithParent(stop: () => Promise<void> | void): void {
  let leaving = false;
  const leave = () => {
    if (leaving) return;
    leaving = true;
    void Promise.resolve(stop()).finally(() => process.exit(0));
  };
  process.on('disconnect', leave);
  process.on('SIGTERM', leave);
  process.on('SIGINT', leave);
}

/** The first message a forked child sends (its address, say), or its death as an error. */
export function firstMessage<T>(child: ChildProcess, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} sent nothing in ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${signal ?? code}) before it was ready`));
    });
  });
}

/** Every descendant of a process (children, their children, ...), from /proc. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ').filter(Boolean).map(Number)) found.push(child, ...descendants(child));
  }
  return found;
}

/**
 * The node process that serves, under `npm start`'s npm and shell (and tsx's launcher, if start runs tsx): the
 * descendant node process with no node child, the largest by resident memory if several.
 */
export function servingNodeProcess(rootPid: number): number {
  const nodes = [rootPid, ...descendants(rootPid)].filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('node');
    } catch {
      return false;
    }
  });
  const leaves = nodes.filter((pid) => !descendants(pid).some((child) => nodes.includes(child)));
  const largest = leaves.sort((a, b) => memoryOf(b).rssKiB - memoryOf(a).rssKiB)[0];
  if (largest === undefined) throw new Error(`no node process under pid ${rootPid}`);
  return largest;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User plus system CPU time a process has used, in ms (/proc/<pid>/stat utime + stime). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Resident memory now and at its peak (VmRSS, VmHWM from /proc/<pid>/status), in KiB. */
export function memoryOf(pid: number): { rssKiB: number; peakKiB: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rssKiB: 0, peakKiB: 0 };
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') };
}
