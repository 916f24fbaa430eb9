// Runs one command (the gateway's `npm start`) for the bench, and ends its whole process group when the bench goes.
import { spawn } from 'node:child_process';
import { exitWithParent } from './children.js';

const [command, ...args] = JSON.parse(process.env.BENCH_GUARD_COMMAND ?? '[]') as string[];
if (command === undefined) throw new Error('BENCH_GUARD_COMMAND names no command');

// Standard output is the gateway's request log: not read by the bench, and too much to keep.
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
// The gateway gone (it failed to start, say): the bench sees this process go too.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

exitWithParent(() => {
  try {
    // This process leads its group (the bench started it detached): the group is the command and whatever it started.
    process.kill(-process.pid, 'SIGTERM');
  } catch {
    // Nothing left.
  }
});
