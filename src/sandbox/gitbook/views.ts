// The JSON shapes GitBook sends: Organization, OrganizationMember, OrganizationTeam, OrganizationTeamMember.
import { teamCountOf, type GitBookWorld, type OrgMember, type Organization, type Team, type TeamRole } from './state.js';

const API = 'https://api.gitbook.com/v1';
const APP = 'https://app.gitbook.com';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Organization, with every field @gitbook/api's OpenAPI requires [spec]: object, id, plan, title, createdAt,
 * inviteLinks, type, emailDomains, mergeRules, urls, trial and permissions.
 */
export function organizationView(org: Organization): Record<string, unknown> {
  return {
    object: 'organization',
    id: org.id,
    title: org.title,
    createdAt: iso(org.createdAt),
    emailDomains: org.emailDomains,
    type: org.type,
    useCase: org.useCase,
    defaultRole: org.defaultRole,
    sso: org.sso,
    inviteLinks: org.inviteLinks,
    plan: org.plan,
    // [infer] No merge rules configured: change requests merge without review (`MergeRulesConfigurationNone`).
    mergeRules: { type: 'none' },
    urls: { app: `${APP}/o/${org.id}/`, location: `${API}/orgs/${org.id}` },
    trial: { ...org.trial },
    // [infer] The caller's permissions; the sandbox tokens act as an organization admin (as on teams).
    permissions: {
      view: true,
      access: true,
      admin: true,
      ownTeam: true,
      createContent: true,
      createOpenAPISpec: true,
      viewBilling: true,
      listMembers: true,
      listTeams: true,
      listIntegrations: true,
      listInstallations: true,
      installIntegration: true,
    },
  };
}

export function userView(world: GitBookWorld, userId: string): Record<string, unknown> {
  const user = world.users.get(userId);
  const view: Record<string, unknown> = {
    object: 'user',
    id: userId,
    displayName: user?.displayName ?? userId,
    urls: { location: `${API}/users/${userId}` },
  };
  // Optional fields are left out rather than sent as null, as the spec's schema has them.
  if (user?.email) view.email = user.email;
  if (user?.photoURL) view.photoURL = user.photoURL;
  return view;
}

export function memberView(world: GitBookWorld, org: Organization, member: OrgMember): Record<string, unknown> {
  const view: Record<string, unknown> = {
    object: 'member',
    id: member.userId,
    role: member.role,
    user: userView(world, member.userId),
    disabled: member.disabled,
    joinedAt: iso(member.joinedAt),
    sso: member.sso,
    spaces: member.spaces,
    teams: teamCountOf(org, member.userId),
    sites: member.sites,
  };
  if (member.lastSeenAt !== null) view.lastSeenAt = iso(member.lastSeenAt);
  return view;
}

export function teamView(team: Team): Record<string, unknown> {
  return {
    object: 'team',
    id: team.id,
    title: team.title,
    members: team.members.size,
    spaces: team.spaces,
    createdAt: iso(team.createdAt),
    // [infer] The caller's permissions on the team; the sandbox token acts as an organization admin.
    permissions: { admin: true, view: true },
  };
}

export function teamMemberView(world: GitBookWorld, org: Organization, member: OrgMember, role: TeamRole): Record<string, unknown> {
  return { organization: memberView(world, org, member), team: { role }, permissions: { view: true } };
}
