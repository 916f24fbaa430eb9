// Points every adapter at the embedded sandbox, from each provider's profile: the configuration `npm start` uses when no provider is set, and its env form.
import { PROVIDERS, type ProviderConfigs } from '../providers/catalog.js';
import type { Sandbox, SandboxProvider } from '../sandbox/index.js';

function simulatorOf(sandbox: Sandbox, name: string) {
  const server = sandbox.servers[name as SandboxProvider];
  if (!server) throw new Error(`the sandbox has no simulator ${name}`);
  return { baseUrl: server.baseUrl, facts: server.simulator.facts?.() ?? {} };
}

export function sandboxProviderConfigs(sandbox: Sandbox): ProviderConfigs {
  // Each entry is made by its own profile, so it has that provider's configuration type.
  return Object.fromEntries(
    PROVIDERS.map((profile) => [profile.id, profile.sandbox.config(simulatorOf(sandbox, profile.sandbox.simulator))]),
  ) as ProviderConfigs;
}

/**
 * The same settings as environment variables: what connector functions (serverless-offline, a test's Invoke
 * server) read to serve the sandbox. Derived from the same profiles, so the two cannot drift apart.
 */
export function sandboxProviderEnv(sandbox: Sandbox): Record<string, string> {
  const configs = sandboxProviderConfigs(sandbox) as Record<string, Record<string, unknown> | undefined>;
  const env: Record<string, string> = {};
  for (const profile of PROVIDERS) {
    const config = configs[profile.id] ?? {};
    for (const setting of profile.settings) {
      const value = config[setting.field];
      if (typeof value === 'string') env[setting.variable] = value;
    }
  }
  return env;
}
