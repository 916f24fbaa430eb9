// Starts the five provider simulators together: on fixed ports for `npm run sandbox`, on free ports for tests.
import { SimServer } from './core/sim-server.js';
import type { Simulator } from './core/types.js';
import { createBirdSimulator } from './bird/index.js';
import { createCheckmarxSimulator } from './checkmarx/index.js';
import { createCloudflareSimulator } from './cloudflare/index.js';
import { createGitBookSimulator } from './gitbook/index.js';
import { createGoodAccessSimulator } from './goodaccess/index.js';

export const SANDBOX_PROVIDERS = ['goodaccess', 'gitbook', 'bird', 'checkmarx', 'cloudflare'] as const;
export type SandboxProvider = (typeof SANDBOX_PROVIDERS)[number];

/** The ports of docs/schema.md#run-time-surface, used by `npm run sandbox`. */
export const DEFAULT_SANDBOX_PORTS: Readonly<Record<SandboxProvider, number>> = {
  goodaccess: 4101,
  gitbook: 4102,
  bird: 4103,
  checkmarx: 4104,
  cloudflare: 4105,
};

export interface SandboxOptions {
  /** Port per simulator; 0 (the default) picks a free one. */
  ports?: Partial<Record<SandboxProvider, number>>;
  /** Seed for every simulator's world; each has its own default. */
  seed?: number;
}

export interface Sandbox {
  servers: Record<SandboxProvider, SimServer>;
  /** Each API's base URL, such as `http://127.0.0.1:4102/v1`. */
  baseUrls: Record<SandboxProvider, string>;
  /** The Bird organization's id (Bird's API has no organization listing). */
  birdOrganizationId: string;
  /**
   * The id GoodAccess will give the next member created (ids are drawn from the seeded generator, so this is known
   * ahead): what GraphiQL's deleteMember example deletes after its createMember example made it.
   */
  nextGoodAccessMemberId(): string;
  /** Seeded state back, logs emptied, faults cleared, on all five. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  const bird = createBirdSimulator(seed);
  const goodaccess = createGoodAccessSimulator(seed);
  const simulators: Record<SandboxProvider, Simulator> = {
    goodaccess,
    gitbook: createGitBookSimulator(seed),
    bird,
    checkmarx: createCheckmarxSimulator(seed),
    cloudflare: createCloudflareSimulator(seed),
  };
  const started: SimServer[] = [];
  try {
    for (const name of SANDBOX_PROVIDERS) {
      started.push(await new SimServer(simulators[name]).start(options.ports?.[name] ?? 0));
    }
  } catch (error) {
    await Promise.all(started.map((server) => server.stop()));
    throw error;
  }
  const servers = Object.fromEntries(SANDBOX_PROVIDERS.map((name, i) => [name, started[i]])) as Record<SandboxProvider, SimServer>;
  return {
    servers,
    baseUrls: Object.fromEntries(SANDBOX_PROVIDERS.map((name) => [name, servers[name].baseUrl])) as Record<SandboxProvider, string>,
    birdOrganizationId: bird.organizationId,
    nextGoodAccessMemberId: () => goodaccess.state.peekNewId(),
    reset: () => started.forEach((server) => server.reset()),
    stop: async () => {
      await Promise.all(started.map((server) => server.stop()));
    },
  };
}
