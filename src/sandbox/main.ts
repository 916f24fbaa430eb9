// `npm run sandbox`: the five simulators on their fixed ports, with the credentials and ids a client needs.
import { DEFAULT_SANDBOX_PORTS, SANDBOX_PROVIDERS, startSandbox } from './index.js';

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number from 0 to 65535, such as ${fallback}; got ${JSON.stringify(value)}`);
    process.exit(1);
  }
  return port;
}

const ports = Object.fromEntries(SANDBOX_PROVIDERS.map((name) => [name, portFromEnv(`SANDBOX_${name.toUpperCase()}_PORT`, DEFAULT_SANDBOX_PORTS[name])]));

const sandbox = await startSandbox({ ports }).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`The sandbox could not start: ${message}`);
  console.error('Another sandbox may be running; free the ports or set SANDBOX_<PROVIDER>_PORT.');
  process.exit(1);
});

console.log('teamgraph sandbox: five provider simulators on 127.0.0.1\n');
for (const name of SANDBOX_PROVIDERS) {
  const server = sandbox.servers[name];
  const { credentials, notes = [] } = server.simulator.describe();
  console.log(`${server.simulator.name.padEnd(11)} ${server.baseUrl}`);
  console.log(`${''.padEnd(11)} credentials: ${credentials}`);
  for (const note of notes) console.log(`${''.padEnd(11)} ${note}`);
}
const people = sandbox.directory.people.length;
console.log(`\nOne company (${people} people) seeds all five. E-mail to try: ${sandbox.tryEmail} (a member in every provider).`);
console.log(`\nControl: <origin>/__sandbox/log, /__sandbox/faults, /__sandbox/reset on each. Ctrl-C stops.`);

const stop = () => {
  void sandbox.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
