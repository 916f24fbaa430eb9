// The GitBook API simulator (`/v1`): organizations, members, teams and team members, with GitBook's rate-limit headers.
import type { SimulatedAccess } from '../company/access.js';
import { type CompanyDirectory, companyDirectory } from '../company/directory.js';
import type { SimError, SimHandler, SimRequest, SimResponse, SimRoute, Simulator } from '../core/types.js';
import { gitBookAccess } from './access.js';
import { READ_ONLY_TOKEN, READ_WRITE_TOKEN, errorResponse, isKnownToken } from './errors.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { memberRoutes } from './routes-members.js';
import { organizationRoutes } from './routes-orgs.js';
import { teamMemberRoutes } from './routes-team-members.js';
import { teamRoutes } from './routes-teams.js';
import { DEFAULT_SEED, seedWorld } from './seed.js';
import type { GitBookWorld, SeedIds } from './state.js';

export interface GitBookSimulatorOptions {
  seed?: number;
  /** The people to seed (default: the company directory's default seed), shared with the other simulators. */
  directory?: CompanyDirectory;
  /** Enforces a quota (429 once spent); without it the headers show a large quota and nothing is throttled. */
  rateLimit?: RateLimitOptions;
}

export interface GitBookSimulator extends Simulator {
  /** Ids of the seeded world a client needs first (organizations, the 1,200-member team, the empty team). */
  readonly ids: SeedIds;
  /** The live state, for tests that check what a write did. */
  readonly world: GitBookWorld;
  /** What the person with this e-mail reaches here now (any case): read from the live state, for tests and checks. */
  accessOf(email: string): SimulatedAccess[];
}

export function createGitBookSimulator(options: GitBookSimulatorOptions = {}): GitBookSimulator {
  const seed = options.seed ?? DEFAULT_SEED;
  const directory = options.directory ?? companyDirectory();
  let world = seedWorld(seed, directory);
  const limiter = new RateLimiter(options.rateLimit);
  const current = () => world;

  // Every routed, authenticated request counts against the quota before its handler runs, so a throttled
  // write never changes anything.
  const limited =
    (handler: SimHandler): SimHandler =>
    (req) => {
      limiter.take();
      return handler(req);
    };
  const routes: SimRoute[] = [...organizationRoutes(current), ...memberRoutes(current), ...teamRoutes(current), ...teamMemberRoutes(current)].map((route) => ({
    ...route,
    handler: limited(route.handler),
  }));

  return {
    name: 'GitBook',
    basePath: '/v1',
    routes,
    get ids() {
      return world.ids;
    },
    get world() {
      return world;
    },
    accessOf: (email: string) => gitBookAccess(world, email),
    authenticate: (req: SimRequest) => isKnownToken(req),
    errorResponse: (status: number, message: string, _error?: SimError): SimResponse => errorResponse(status, message),
    decorate(res: SimResponse) {
      res.headers = { ...res.headers, ...limiter.headers(res.status === 429) };
    },
    reset() {
      world = seedWorld(seed, directory);
      limiter.reset();
    },
    describe() {
      const { ids } = world;
      return {
        credentials: `Authorization: Bearer ${READ_WRITE_TOKEN} (read-only: Bearer ${READ_ONLY_TOKEN})`,
        notes: [
          `organizations: ${ids.mainOrganizationId} (1,310 members, 12 teams), ${ids.smallOrganizationId} (small)`,
          `team ${ids.largeTeamId} has 1,200 members; team ${ids.emptyTeamId} has none`,
          limiter.enforced ? 'rate limit enforced' : 'X-RateLimit-* headers on every response; no throttling',
        ],
      };
    },
  };
}
