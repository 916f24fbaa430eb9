// Starts the five provider simulators together: on fixed ports for `npm run sandbox`, on free ports for tests.
import type { SimulatedAccess } from './company/access.js';
import { type CompanyDirectory, companyDirectory } from './company/directory.js';
import { SANDBOX_PROVIDERS, type SandboxProvider } from './company/plan.js';
import { compressed, sandboxLimitsFromEnv, type SandboxLimits } from './core/limits.js';
import { SimServer } from './core/sim-server.js';
import { DEFAULT_RATE_LIMIT as CLOUDFLARE_LIMIT } from './cloudflare/rate-limit.js';
import { DOCUMENTED_RATE_LIMIT as GITBOOK_LIMIT } from './gitbook/rate-limit.js';
import type { Simulator } from './core/types.js';
import { createBirdSimulator } from './bird/index.js';
import { createCheckmarxSimulator } from './checkmarx/index.js';
import { createCloudflareSimulator } from './cloudflare/index.js';
import { createGitBookSimulator } from './gitbook/index.js';
import { createGoodAccessSimulator } from './goodaccess/index.js';

export { SANDBOX_PROVIDERS, EMAIL_PROVIDERS, type SandboxProvider } from './company/plan.js';
export type { SimulatedAccess } from './company/access.js';
export { companyDirectory, type CompanyAccount, type CompanyDirectory, type CompanyPerson } from './company/directory.js';

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
  /** Documented rate limits enforced, and time compressed; default: SANDBOX_ENFORCE_LIMITS and SANDBOX_TIME_SCALE. */
  limits?: SandboxLimits;
  /** Seed for every simulator's world and for the company directory they share; each has its own default. */
  seed?: number;
}

export interface Sandbox {
  servers: Record<SandboxProvider, SimServer>;
  /** Each API's base URL, such as `http://127.0.0.1:4102/v1`. */
  baseUrls: Record<SandboxProvider, string>;
  /** The Bird organization's id (Bird's API has no organization listing). */
  birdOrganizationId: string;
  /** The company whose people the five simulators seed: who is in which provider, under which e-mail. */
  directory: CompanyDirectory;
  /** An e-mail to try: a person in all five providers, spelled the same in every one that shows e-mails. */
  tryEmail: string;
  /**
   * What the person with this e-mail (any case) reaches in each simulator now, read from the live state: every
   * organization and group membership, for tests and checks that compare an answer with the truth. Bird's are found
   * by the directory's e-mail, which Bird's API never shows.
   */
  accessOf(email: string): Array<SimulatedAccess & { provider: SandboxProvider }>;
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
  const directory = companyDirectory(options.seed);
  const seed = options.seed === undefined ? { directory } : { seed: options.seed, directory };
  // Only Cloudflare and GitBook document limits; the other three simulators answer 429 only under injected faults.
  const limits = options.limits ?? sandboxLimitsFromEnv(process.env);
  const scale = limits.timeScale;
  const cloudflareLimit = limits.enforce ? { rateLimit: compressed({ ...CLOUDFLARE_LIMIT }, scale) } : {};
  const gitbookLimit = limits.enforce ? { rateLimit: { limit: GITBOOK_LIMIT.limit, windowSeconds: GITBOOK_LIMIT.windowSeconds / scale } } : {};
  const bird = createBirdSimulator(seed);
  const goodaccess = createGoodAccessSimulator(seed);
  const simulators: Record<SandboxProvider, Simulator & { accessOf(email: string): SimulatedAccess[] }> = {
    goodaccess,
    gitbook: createGitBookSimulator({ ...seed, ...gitbookLimit }),
    bird,
    checkmarx: createCheckmarxSimulator(seed),
    cloudflare: createCloudflareSimulator({ ...seed, ...cloudflareLimit }),
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
    directory,
    tryEmail: directory.tryEmail,
    accessOf: (email) => SANDBOX_PROVIDERS.flatMap((name) => simulators[name].accessOf(email).map((access) => ({ provider: name, ...access }))),
    nextGoodAccessMemberId: () => goodaccess.state.peekNewId(),
    reset: () => started.forEach((server) => server.reset()),
    stop: async () => {
      await Promise.all(started.map((server) => server.stop()));
    },
  };
}
