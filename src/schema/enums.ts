// The enums of the public contract: providers, modes, member roles and statuses.
import { type AnyProfile, PROVIDERS } from '../providers/catalog.js';
import type { MemberRole, MemberStatus, ProviderId } from '../providers/types.js';
import { builder } from './builder.js';

/** Every enum value says what it is: each list is checked against its provider-side type, so none goes undescribed. */
type Described<K extends string> = { readonly [Key in K]: { readonly description: string } };

/** A provider's enum value description, from its profile (no list of providers here: they derive from the catalog). */
function described(profile: AnyProfile): { description: string } {
  const c = profile.capabilities;
  const organizations = c.organizations === 'list' ? 'organizations its API lists' : 'one organization, set by its credentials or configuration';
  const groups = c.groupKind === 'userGroup' ? 'user groups' : c.hierarchy ? 'a tree of teams' : 'teams';
  const paging = c.pagination === 'none' ? 'every list whole in one call' : `${c.pagination === 'cursor' ? 'cursor' : 'page-number'} pagination`;
  const roles = c.memberRoles ? ' with roles' : '';
  const members = c.organizationMembers ? '' : '; no list of organization members';
  return { description: `${profile.name}: ${organizations}, ${groups}${roles}, ${paging}${members}.` };
}

export const ProviderIdEnum = builder.enumType('ProviderId', {
  description: 'A product teamgraph reads team membership from (and writes it to).',
  values: Object.fromEntries(PROVIDERS.map((profile) => [profile.id, described(profile)])) as Described<ProviderId>,
});

export const ProviderModeEnum = builder.enumType('ProviderMode', {
  description: 'Whether a provider is the real API or the embedded simulator.',
  values: {
    LIVE: { description: "The provider's real API, with the configured credentials." },
    SANDBOX: { description: 'The embedded simulator: fixed, public test data and credentials; nothing real is read or changed.' },
  } as const,
});

export const SharedStateEnum = builder.enumType('SharedState', {
  description:
    "Where a provider's read cache and rate budget live, as the gateway instance that answered sees it: a budget is only a guarantee when every instance spends from the same one.",
  values: {
    SHARED: { description: 'In the shared store (Redis): every gateway instance reads the same cache and spends from the same rate budget.' },
    LOCAL: { description: 'In this process: no shared store is configured, so each instance keeps its own cache and budget.' },
    UNREACHABLE: {
      description:
        'The shared store is configured but cannot be reached: this instance serves with its own cache and budget until the store is back (then SHARED again).',
    },
  } as const,
});

export const MemberRoleEnum = builder.enumType('MemberRole', {
  description: 'A team role, where the provider has team roles (GitBook); see ProviderCapabilities.memberRoles.',
  values: {
    OWNER: { description: 'May manage the team (GitBook team owner). Only where the provider has team roles.' },
    MEMBER: { description: 'An ordinary member; accepted by every provider when adding members.' },
  } as const satisfies Described<MemberRole>,
});

export const MemberStatusEnum = builder.enumType('MemberStatus', {
  description: "A membership's state, mapped from each provider's own statuses.",
  values: {
    ACTIVE: { description: 'A member who can use the product (an accepted invitation, an enabled account).' },
    INVITED: { description: 'Invited and not accepted yet (Bird).' },
    PENDING: { description: 'Waiting for the member to accept (a pending Cloudflare account invitation).' },
    REQUESTED_TO_JOIN: { description: 'Asked to join and not admitted yet (Bird).' },
    BLOCKED: { description: 'Disabled or blocked by an administrator (GitBook, GoodAccess, an inactive Checkmarx user).' },
    UNKNOWN: { description: 'The provider sent a status this API does not map (a declined Cloudflare invitation, say); see Member.raw.' },
  } as const satisfies Described<MemberStatus>,
});

export const GroupKindEnum = builder.enumType('GroupKind', {
  description: 'Whether a provider organises members in teams or in user groups.',
  values: {
    TEAM: { value: 'team', description: 'Teams (GitBook, Bird, Checkmarx): read Organization.teams.' },
    USER_GROUP: { value: 'userGroup', description: 'User groups (GoodAccess, Cloudflare): read Organization.userGroups.' },
  } as const,
});
