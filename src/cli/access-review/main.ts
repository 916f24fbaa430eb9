// `npm run access-review`: the command line of this process, run; its status is the process's exit status.
import { run } from './run.js';

const status = await run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = status;
