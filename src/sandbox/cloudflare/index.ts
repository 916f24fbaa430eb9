// The Cloudflare API v4 sandbox (IAM user group members and their parents), built from PROVIDERS.md 004.
import { SimError, type SimHandler, type SimRequest, type SimResponse, type SimRoute, type Simulator } from '../core/types.js';
import { accessOf, READONLY_TOKEN, WRITE_TOKEN } from './auth.js';
import { CODE, defaultCode, failure } from './envelope.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { accountRoutes } from './routes-accounts.js';
import { groupMemberRoutes } from './routes-group-members.js';
import { userGroupRoutes } from './routes-user-groups.js';
import { buildWorld } from './seed.js';
import type { SeedIds, WorldRef } from './state.js';

export interface CloudflareSimulatorOptions {
  seed?: number;
  /** Enforces the budget (429 with Retry-After, then a lockout). Without it the default budget is only reported. */
  rateLimit?: RateLimitOptions;
}

export interface CloudflareSimulator extends Simulator {
  /** Ids a client needs to begin with (the accounts, the 600-member group, the empty group). */
  readonly ids: SeedIds;
  /** Account member ids currently in a group (for tests that read state back without the API). */
  groupMemberIds(accountId: string, groupId: string): string[];
  /** Every member of an account with its status, in seed order. */
  accountMembers(accountId: string): Array<{ id: string; status: string; email: string }>;
}

export const CLOUDFLARE_DEFAULT_SEED = 4004;

export function createCloudflareSimulator(options: CloudflareSimulatorOptions = {}): CloudflareSimulator {
  const seed = options.seed ?? CLOUDFLARE_DEFAULT_SEED;
  const ref: WorldRef = { world: buildWorld(seed) };
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.rateLimit !== undefined);

  /** Runs before every authenticated handler: counts the call against the budget, refuses writes to read-only tokens. */
  const gated =
    (method: SimRoute['method'], handler: SimHandler): SimHandler =>
    (req) => {
      const wait = limiter.consume();
      if (wait !== null) {
        throw new SimError(429, 'Rate limited. Please wait and consider throttling your request speed', { 'Retry-After': String(wait) }, CODE.rateLimited);
      }
      if (method !== 'GET' && accessOf(req) !== 'write') {
        throw new SimError(403, 'Unauthorized to access requested resource', {}, CODE.unauthorized);
      }
      return handler(req);
    };

  const routes = [...accountRoutes(ref), ...userGroupRoutes(ref), ...groupMemberRoutes(ref)].map((route) => ({
    ...route,
    handler: gated(route.method, route.handler),
  }));

  const accountState = (accountId: string) => {
    const state = ref.world.accounts.get(accountId);
    if (!state) throw new Error(`no seeded account ${accountId}`);
    return state;
  };

  return {
    name: 'Cloudflare',
    basePath: '/client/v4',
    routes,
    get ids() {
      return ref.world.ids;
    },
    authenticate: (req: SimRequest) => accessOf(req) !== null,
    errorResponse(status: number, message: string, error?: SimError): SimResponse {
      const code = typeof error?.code === 'number' ? error.code : defaultCode(status);
      const messageText = status === 401 ? 'Authentication error' : message;
      return failure(status, [{ code, message: messageText }]);
    },
    decorate(res: SimResponse) {
      res.headers = { ...res.headers, ...limiter.headers() };
    },
    reset() {
      ref.world = buildWorld(seed);
      limiter.reset();
    },
    describe() {
      const { mainAccountId, smallAccountId, bigGroupId, emptyGroupId } = ref.world.ids;
      return {
        credentials: `Authorization: Bearer ${WRITE_TOKEN} (read-only: Bearer ${READONLY_TOKEN}; or X-Auth-Email: <any e-mail> + X-Auth-Key: ${WRITE_TOKEN})`,
        notes: [
          `account "Acme Corporation" ${mainAccountId}: 700 members, 10 user groups`,
          `user group "Engineering" ${bigGroupId}: 600 members; "New Hires" ${emptyGroupId}: empty`,
          `account "Side Project" ${smallAccountId}: 12 members, 3 user groups`,
          options.rateLimit
            ? `rate limit enforced: ${options.rateLimit.quota} requests per ${options.rateLimit.windowSeconds} s`
            : 'rate limit reported in headers (1200 per 300 s) but not enforced',
        ],
      };
    },
    groupMemberIds(accountId, groupId) {
      const group = accountState(accountId).groups.get(groupId);
      if (!group) throw new Error(`no group ${groupId}`);
      return [...group.members.keys()];
    },
    accountMembers(accountId) {
      return [...accountState(accountId).members.values()].map((m) => ({ id: m.id, status: m.status, email: m.email }));
    },
  };
}
