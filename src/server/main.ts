// `npm start`: the gateway on PORT, over the real providers configured, or over the embedded sandbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../config.js';
import { closeAdapters, createAdapters } from '../providers/registry.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { createGateway } from './gateway.js';
import { sandboxProviderConfigs } from './sandbox-providers.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`teamgraph cannot start: ${error.message}`);
  process.exit(1);
}

const useSandbox = config.sandbox === 'on' || (config.sandbox === 'auto' && Object.keys(config.providers).length === 0);
let sandbox: Sandbox | undefined;
if (useSandbox) sandbox = await startSandbox();
const adapters = createAdapters(sandbox ? sandboxProviderConfigs(sandbox) : config.providers);
const gateway = createGateway({ adapters, mode: sandbox ? 'SANDBOX' : 'LIVE', apiKeys: config.apiKeys });
const server = createServer(gateway);

server.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`teamgraph gateway: http://localhost:${port}/graphql (GraphiQL in a browser)`);
  if (sandbox) {
    console.log('No provider is configured: serving the embedded sandbox (five simulators on 127.0.0.1).');
    if (config.apiKeys.length === 0) console.log('API key: send "Authorization: Bearer sandbox" (GraphiQL sends it for you).');
  } else {
    console.log(`Live providers: ${[...adapters.keys()].join(', ')}`);
  }
});
server.on('error', (error) => {
  console.error(`teamgraph cannot listen on port ${config.port}: ${error.message}`);
  process.exit(1);
});

const stop = () => {
  server.close();
  void Promise.all([closeAdapters(adapters), sandbox?.stop()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
