// The bench's sandbox: the five simulators on free 127.0.0.1 ports in a process of their own, their settings sent to the bench.
import { SANDBOX_PROVIDERS, startSandbox } from '../src/sandbox/index.js';
import { sandboxProviderEnv } from '../src/server/sandbox-providers.js';
import { exitWithParent } from './children.js';

/** What the bench needs of the sandbox: provider settings as the gateway reads them, and each simulator's origin. */
export interface SandboxAddress {
  /** GITBOOK_BASE_URL, GITBOOK_TOKEN, ...: the LIVE configuration of every provider, pointed at the simulators. */
  env: Record<string, string>;
  /** `http://127.0.0.1:<port>` of each simulator, for its `/__sandbox` control API. */
  origins: string[];
  pid: number;
  /** How long seeding the five simulators' worlds and starting them took (measured here, never asserted in tests). */
  seedMs: number;
}

// Unenforced (the default), the simulators report quotas no run can spend: the bench measures the request path.
const seeding = performance.now();
const sandbox = await startSandbox();
const seedMs = Math.round((performance.now() - seeding) * 10) / 10;

exitWithParent(async () => {
  await sandbox.stop();
});
const address: SandboxAddress = {
  env: sandboxProviderEnv(sandbox),
  origins: SANDBOX_PROVIDERS.map((name) => sandbox.servers[name].url),
  pid: process.pid,
  seedMs,
};
process.send?.(address);
