// `npm start`: the gateway on PORT, over the real providers configured, the embedded sandbox, or connector Lambdas.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { secretValues } from '../config-security.js';
import { startSandbox } from '../sandbox/index.js';
import { createGateway } from './gateway.js';
import { startGatewayProviders } from './gateway-providers.js';
import type { ExampleIds } from './graphiql.js';
import { createLogger } from './logging.js';
import { exampleIdLines, readExampleIds } from './sandbox-examples.js';

// V8 lets the heap grow to up to four times what its last full collection kept before it collects again: with 64
// dashboards at once the process passed 400 MB, most of it garbage. Twice leaves room enough (under 250 MB), for a few
// per cent more CPU spent collecting. Set here, not on the command line: a V8 this flag is unknown to ignores it.
setFlagsFromString('--heap-growing-percent=100');

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`teamgraph cannot start: ${error.message}`);
    process.exit(1);
  }
}

const config = configOrExit();

const logger = createLogger({ level: config.security.logLevel, secrets: secretValues(process.env) });
// The read cache and rate budgets: in this process, or in Redis shared with every other instance (docs/store.md).
const providers = await startGatewayProviders(config, { startSandbox: () => startSandbox(), store: { config: config.store, logger } });
const { adapters, sandbox } = providers;
// The embedded sandbox's ids for GraphiQL's example tabs and the start-up lines; without them, the overview tab alone.
let examples: ExampleIds | null = null;
let examplesProblem: string | null = null;
if (sandbox) {
  try {
    examples = await readExampleIds(adapters, sandbox);
  } catch (error) {
    examplesProblem = error instanceof Error ? error.message : String(error);
  }
}
const gateway = createGateway({
  adapters,
  mode: providers.mode,
  apiKeys: config.apiKeys,
  jwt: config.jwt,
  security: config.security,
  logger,
  writeConcurrency: config.writeConcurrency,
  graphiqlExamples: examples,
  ...(providers.shared ? { shared: providers.shared } : {}),
});
const server = createServer(gateway);

server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const loopback = config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost';
  const where = loopback ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const lines = [`teamgraph gateway: http://${where}:${port}/graphql (GraphiQL in a browser)`];
  if (config.lambda) {
    const where = config.lambda.endpoint ? ` at ${config.lambda.endpoint}` : '';
    lines.push(
      `Providers through connector Lambdas${where}: ${[...adapters.keys()].map((id) => `${config.lambda?.functionPrefix}${id.toLowerCase()}`).join(', ')}`,
    );
    if (providers.mode === 'SANDBOX' && config.apiKeys.length === 0 && !config.jwt) lines.push('API key: send "Authorization: Bearer sandbox".');
  } else if (sandbox) {
    lines.push('No provider is configured: serving the embedded sandbox (five simulators on 127.0.0.1).');
    if (config.apiKeys.length === 0 && !config.jwt) lines.push('API key: send "Authorization: Bearer sandbox" (GraphiQL sends it for you).');
    if (examples) lines.push(...exampleIdLines(examples));
    lines.push(`  person    ${sandbox.tryEmail}  (one of the sandbox company's people, a member in all five providers)`);
    if (examplesProblem) lines.push(`GraphiQL opens on the overview only: the sandbox's example ids could not be read (${examplesProblem}).`);
  } else {
    lines.push(`Live providers: ${[...adapters.keys()].join(', ')}`);
  }
  // One write: whoever reads the URL line (a script, a test) has the lines about keys and providers with it.
  console.log(lines.join('\n'));
});
server.on('error', (error) => {
  console.error(`teamgraph cannot listen on ${config.host} port ${config.port}: ${error.message}`);
  process.exit(1);
});

// A promise nobody awaited that failed is a bug; one request's bug must not end the process serving everyone else.
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, 'unhandled rejection (a bug): the gateway keeps serving');
});

const stop = () => {
  server.close();
  void providers.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
