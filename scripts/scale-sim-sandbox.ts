// The scale simulation's sandbox: the five simulators in a process of their own, documented limits enforced, time compressed.
import { SANDBOX_PROVIDERS, startSandbox } from '../src/sandbox/index.js';
import { sandboxProviderEnv } from '../src/server/sandbox-providers.js';

/** What the simulation needs: the LIVE provider settings pointing at the simulators, and each one's origin for its control API. */
export interface SimulatedProviders {
  env: Record<string, string>;
  origins: Record<string, string>;
}

const timeScale = Number(process.env.SANDBOX_TIME_SCALE ?? '60');
const sandbox = await startSandbox({ limits: { enforce: true, timeScale } });
const address: SimulatedProviders = {
  env: sandboxProviderEnv(sandbox),
  origins: Object.fromEntries(SANDBOX_PROVIDERS.map((name) => [name, sandbox.servers[name].url])),
};
process.send?.(address);
// Leaves with the simulation, however it ends: the IPC channel closes when the parent goes.
process.on('disconnect', () => {
  void sandbox.stop().finally(() => process.exit(0));
});
