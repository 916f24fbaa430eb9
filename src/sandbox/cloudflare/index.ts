// The Cloudflare API v4 sandbox (IAM user group members and their parents), built from docs/providers/cloudflare.md#contract.
import type { SimulatedAccess } from '../company/access.js';
import { type CompanyDirectory, companyDirectory } from '../company/directory.js';
import { SimError, type SimHandler, type SimRequest, type SimResponse, type SimRoute, type Simulator } from '../core/types.js';
import { cloudflareAccess } from './access.js';
import { accessOf, credentialOf, READONLY_TOKEN, UNSCOPED_TOKEN, WRITE_TOKEN } from './auth.js';
import { CloudflareError, CODE, defaultCode, failure, INFERRED_CODES, malformedCredentials, missingPermission, type ResponseMessage } from './envelope.js';
import { RateLimiter, UNENFORCED_RATE_LIMIT, type RateLimitOptions } from './rate-limit.js';
import { accountRoutes } from './routes-accounts.js';
import { groupMemberRoutes } from './routes-group-members.js';
import { userGroupRoutes } from './routes-user-groups.js';
import { buildWorld } from './seed.js';
import type { SeedIds, WorldRef } from './state.js';

export interface CloudflareSimulatorOptions {
  seed?: number;
  /** The people to seed (default: the company directory's default seed), shared with the other simulators. */
  directory?: CompanyDirectory;
  /** Enforces the budget (429 with Retry-After, then a lockout). Without it the default budget is only reported. */
  rateLimit?: RateLimitOptions;
  /**
   * False: failures the sandbox would mark with one of its invented codes (1001-1005: missing account, group
   * or member, refused ids or parameters) carry `errors: []`, the same statuses and nothing applied. For testing
   * clients against answers they can only read by status, as the API reference documents no such code.
   * Default true.
   */
  inferredErrorCodes?: boolean;
}

export interface CloudflareSimulator extends Simulator {
  /** Ids a client needs to begin with (the accounts, the 600-member group, the empty group). */
  readonly ids: SeedIds;
  /** Account member ids currently in a group (for tests that read state back without the API). */
  groupMemberIds(accountId: string, groupId: string): string[];
  /** Every member of an account with its status, in seed order. */
  accountMembers(accountId: string): Array<{ id: string; status: string; email: string }>;
  /** What the person with this e-mail reaches here now (any case): read from the live state, for tests and checks. */
  accessOf(email: string): SimulatedAccess[];
}

export const CLOUDFLARE_DEFAULT_SEED = 4004;

export function createCloudflareSimulator(options: CloudflareSimulatorOptions = {}): CloudflareSimulator {
  const seed = options.seed ?? CLOUDFLARE_DEFAULT_SEED;
  const directory = options.directory ?? companyDirectory();
  const ref: WorldRef = { world: buildWorld(seed, directory) };
  const limiter = new RateLimiter(options.rateLimit ?? UNENFORCED_RATE_LIMIT, options.rateLimit !== undefined);

  const inferredCodes = options.inferredErrorCodes ?? true;

  /**
   * Runs before every authenticated handler: answers credentials that are malformed or lack the permission,
   * counts the call against the budget, refuses writes to read-only tokens.
   */
  const gated =
    (method: SimRoute['method'], handler: SimHandler): SimHandler =>
    (req) => {
      // [infer] Refused credentials are answered before the budget counts the call, like a 401.
      const credential = credentialOf(req);
      if (credential === 'malformed') throw malformedCredentials();
      if (credential === 'unscoped') throw missingPermission();
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
    // Malformed and unscoped credentials pass here so that `gated` can give them their own answers (400, 403).
    authenticate: (req: SimRequest) => credentialOf(req) !== null,
    errorResponse(status: number, message: string, error?: SimError): SimResponse {
      const code = typeof error?.code === 'number' ? error.code : defaultCode(status);
      const messageText = status === 401 ? 'Authentication error' : message;
      const messages: ResponseMessage[] = error instanceof CloudflareError ? error.messages : [{ code, message: messageText }];
      return failure(status, inferredCodes ? messages : messages.filter((m) => !INFERRED_CODES.has(m.code)));
    },
    decorate(res: SimResponse) {
      res.headers = { ...res.headers, ...limiter.headers() };
    },
    reset() {
      ref.world = buildWorld(seed, directory);
      limiter.reset();
    },
    describe() {
      const { mainAccountId, smallAccountId, bigGroupId, emptyGroupId } = ref.world.ids;
      return {
        credentials: `Authorization: Bearer ${WRITE_TOKEN} (read-only: Bearer ${READONLY_TOKEN}; no permission: Bearer ${UNSCOPED_TOKEN}; or X-Auth-Email: <any e-mail> + X-Auth-Key: ${WRITE_TOKEN})`,
        notes: [
          `account "Acme Corporation" ${mainAccountId}: 700 members, 10 user groups`,
          `user group "Engineering" ${bigGroupId}: 600 members; "New Hires" ${emptyGroupId}: empty`,
          `account "Side Project" ${smallAccountId}: 12 members, 3 user groups`,
          options.rateLimit
            ? `rate limit enforced: ${options.rateLimit.quota} requests per ${options.rateLimit.windowSeconds} s`
            : 'rate limit reported in headers (1200 per 300 s) but not enforced',
          ...(inferredCodes ? [] : ['failures carry no invented error codes (errors: []), only their status']),
        ],
      };
    },
    accessOf: (email: string) => cloudflareAccess(ref.world, email),
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
