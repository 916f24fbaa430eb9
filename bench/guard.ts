// Runs one command (the gateway's `npm start`) for the bench, and ends its whole process group when the bench goes.
import { spawn } from 'node:child_process';
import { descendants, exitWithParent } from './children.js';

const [command, ...args] = JSON.parse(process.env.BENCH_GUARD_COMMAND ?? '[]') as string[];
if (command === undefined) throw new Error('BENCH_GUARD_COMMAND names no command');

// Standard output is the gateway's request log: not read by the bench, and too much to keep.
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
let stopping = false;
// The gateway gone (it failed to start, say): the bench sees this process go too.
child.on('exit', (code, signal) => {
  if (!stopping) process.exit(code ?? (signal ? 1 : 0));
});

/** This process leads its group (the bench started it detached): the group is the command and whatever it started. */
function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // Nothing left.
  }
}

exitWithParent(async () => {
  stopping = true;
  // SIGTERM reaches this process too; exitWithParent answers it once.
  signalGroup('SIGTERM');
  // Whatever has not stopped within 3 s (a gateway waiting on a connection, say) is killed.
  for (const until = Date.now() + 3000; Date.now() < until && descendants(process.pid).length > 0; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup('SIGKILL');
});
