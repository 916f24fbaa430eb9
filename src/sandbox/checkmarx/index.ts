// The Checkmarx CxSAST Access Control simulator: routes, password-grant auth, versioned media types, seeded state.
import type { SimulatedAccess } from '../company/access.js';
import { type CompanyDirectory, companyDirectory } from '../company/directory.js';
import type { SimRequest, SimResponse, SimRoute, Simulator } from '../core/types.js';
import { checkmarxAccess } from './access.js';
import type { CxContext, CxRoute } from './context.js';
import { cxError, errorResponse } from './errors.js';
import { checkMediaTypes, VERSIONED_JSON } from './media.js';
import { teamRoutes } from './routes-teams.js';
import { userRoutes } from './routes-users.js';
import { SANDBOX_PASSWORD, SEEDED, seedWorld } from './seed.js';
import { MANAGE_USERS_PERMISSION, type AccessControlState } from './state.js';
import { CLIENT_ID, CLIENT_SECRET, TokenStore } from './tokens.js';

export { SEEDED } from './seed.js';
export { CLIENT_ID, CLIENT_SECRET } from './tokens.js';

export interface CheckmarxSimulatorOptions {
  seed?: number;
  /** The people to seed (default: the company directory's default seed), shared with the other simulators. */
  directory?: CompanyDirectory;
  /** Lifetime of issued access tokens (default 3600, as CxSAST's). */
  tokenTtlSeconds?: number;
}

export interface CheckmarxSimulator extends Simulator {
  /** Makes every issued token expired at once, as if its TTL had passed: the next call with it gets 401. */
  expireTokens(): void;
  /** What the person with this e-mail reaches here now (any case): read from the live state, for tests and checks. */
  accessOf(email: string): SimulatedAccess[];
}

const DEFAULT_SEED = 0xc4e5a57;

/** Every API route (not the token endpoint) checks media types first, then "Manage Users" on writes. */
function guarded(ctx: CxContext, route: CxRoute): SimRoute {
  return {
    method: route.method,
    template: route.template,
    handler: (req: SimRequest) => {
      checkMediaTypes(req);
      if (route.write) {
        const caller = ctx.tokens.caller(req);
        if (!caller || !ctx.state().can(caller, MANAGE_USERS_PERMISSION)) {
          throw cxError(403, 'The "Manage Users" permission is required for this operation');
        }
      }
      return route.handler(req);
    },
  };
}

export function createCheckmarxSimulator(options: CheckmarxSimulatorOptions = {}): CheckmarxSimulator {
  const seed = options.seed ?? DEFAULT_SEED;
  const directory = options.directory ?? companyDirectory();
  let state: AccessControlState = seedWorld(seed, directory);
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 3600, () => state);
  const ctx: CxContext = { state: () => state, tokens };

  const routes: SimRoute[] = [
    { method: 'POST', template: '/auth/identity/connect/token', auth: false, handler: (req) => tokens.grant(req) },
    ...[...teamRoutes(ctx), ...userRoutes(ctx)].map((route) => guarded(ctx, route)),
  ];

  return {
    name: 'Checkmarx',
    basePath: '/cxrestapi',
    caseInsensitiveRoutes: true,
    routes,
    authenticate: (req) => tokens.caller(req) !== undefined,
    errorResponse,
    decorate(res: SimResponse) {
      if (res.body !== undefined && res.rawBody === undefined) res.headers = { 'content-type': VERSIONED_JSON, ...res.headers };
    },
    // Tokens survive a reset: they are sessions, not seeded data, and admin/viewer keep their ids.
    reset() {
      state = seedWorld(seed, directory);
    },
    accessOf: (email: string) => checkmarxAccess(state, email),
    expireTokens() {
      tokens.expireAll();
    },
    describe() {
      return {
        credentials:
          `password grant: POST /cxrestapi/auth/identity/connect/token (form) username=admin password=${SANDBOX_PASSWORD} ` +
          `(read-write) or username=viewer password=${SANDBOX_PASSWORD} (read-only), grant_type=password, ` +
          `scope="access_control_api sast_rest_api", client_id=${CLIENT_ID}, client_secret=${CLIENT_SECRET}`,
        notes: [
          `${SEEDED.teamCount} teams under /CxServer (id ${SEEDED.rootTeamId}); Engineering id ${SEEDED.bigTeamId} has ${SEEDED.bigTeamSize} members, ` +
            `Archive id ${SEEDED.emptyTeamId} has none, Payments id ${SEEDED.deepTeamId} is six levels deep`,
          `${SEEDED.userCount} users (some inactive); send Accept: application/json;v=1.0`,
        ],
      };
    },
  };
}
