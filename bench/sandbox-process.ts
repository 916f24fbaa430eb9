// The bench's sandbox: the five simulators on free 127.0.0.1 ports in a process of their own, their settings sent to the bench.
import { createCloudflareSimulator } from '../src/sandbox/cloudflare/index.js';
import { SimServer } from '../src/sandbox/core/sim-server.js';
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
}

/**
 * Cloudflare's documented budget is 1,200 calls per 5 minutes, and the simulator reports it in its `Ratelimit`
 * header even when it enforces nothing; the gateway rightly stops calling at `r=0`, which a benchmark reaches in
 * a second. The bench measures the request path, not the quota: its Cloudflare simulator (the same seeded world)
 * has a budget no run can spend.
 */
const UNSPENDABLE = { quota: 1_000_000_000, windowSeconds: 300, lockoutSeconds: 300 };

const sandbox = await startSandbox();
const cloudflare = await new SimServer(createCloudflareSimulator({ rateLimit: UNSPENDABLE })).start();
await sandbox.servers.cloudflare.stop();
sandbox.servers.cloudflare = cloudflare;

exitWithParent(async () => {
  await Promise.all([sandbox.stop(), cloudflare.stop()]);
});
const address: SandboxAddress = {
  env: sandboxProviderEnv(sandbox),
  origins: SANDBOX_PROVIDERS.map((name) => sandbox.servers[name].url),
  pid: process.pid,
};
process.send?.(address);
