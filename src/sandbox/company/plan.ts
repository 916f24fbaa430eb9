// The sandbox company's shape: which providers its people are in, how many of each, and the deliberate oddities.

/** The simulators, in the order the sandbox starts them. */
export const SANDBOX_PROVIDERS = ['goodaccess', 'gitbook', 'bird', 'checkmarx', 'cloudflare'] as const;
export type SandboxProvider = (typeof SANDBOX_PROVIDERS)[number];

/** Providers whose member records carry an e-mail; Bird's team members are ids and statuses only. */
export const EMAIL_PROVIDERS: readonly SandboxProvider[] = ['goodaccess', 'gitbook', 'checkmarx', 'cloudflare'];

/**
 * The company's own organization in each provider, and the side project two of them also hold (GitBook's "Side
 * Project" organization and Cloudflare's "Side Project" account).
 */
export type CompanyOrganization = 'acme' | 'side-project';

export const DOMAINS = {
  staff: 'acme.example',
  /** GitBook guests: outside collaborators, in no other provider. */
  partner: 'partner.example',
  sideProject: 'side.example',
  /** Checkmarx's two sandbox logins (`admin`, `viewer`). */
  service: 'cxsandbox.example',
} as const;

export interface Segment {
  count: number;
  providers: readonly SandboxProvider[];
}

/**
 * Staff with the same set of providers (each in that provider's Acme organization). Designed rather than drawn, so
 * that every simulator keeps its documented size (GoodAccess 40, Checkmarx 58 generated users, Bird 300 directory
 * users, Cloudflare 700 account members, GitBook 1,217 staff beside its 93 guests) and the overlaps are those of a
 * company: the security tools' users are mostly in the cloud account too, almost everyone reads the docs, and a few
 * people have one account only.
 */
export const STAFF_SEGMENTS: readonly Segment[] = [
  { count: 8, providers: ['gitbook', 'cloudflare', 'bird', 'checkmarx', 'goodaccess'] },
  { count: 12, providers: ['gitbook', 'cloudflare', 'checkmarx', 'goodaccess'] },
  { count: 8, providers: ['gitbook', 'cloudflare', 'goodaccess'] },
  { count: 4, providers: ['gitbook', 'bird', 'goodaccess'] },
  { count: 4, providers: ['gitbook', 'goodaccess'] },
  { count: 4, providers: ['goodaccess'] },
  { count: 10, providers: ['gitbook', 'cloudflare', 'bird', 'checkmarx'] },
  { count: 18, providers: ['gitbook', 'cloudflare', 'checkmarx'] },
  { count: 4, providers: ['gitbook', 'checkmarx'] },
  { count: 6, providers: ['checkmarx'] },
  { count: 40, providers: ['cloudflare'] },
  { count: 25, providers: ['bird'] },
  { count: 150, providers: ['gitbook', 'cloudflare', 'bird'] },
  { count: 454, providers: ['gitbook', 'cloudflare'] },
  { count: 103, providers: ['gitbook', 'bird'] },
  { count: 442, providers: ['gitbook'] },
];

/** GitBook's guests (role null, every 14th member of its Acme organization): in no other provider. */
export const PARTNERS = { count: 93, provider: 'gitbook' } as const satisfies { count: number; provider: SandboxProvider };

/**
 * The side project's people: all in one provider's "Side Project" organization, the first few also in another's,
 * whose side organization was founded by that provider's first Acme member (one account, two organizations).
 */
export const SIDE_PROJECT = {
  people: 12,
  allIn: 'cloudflare',
  firstOnesIn: { provider: 'gitbook', count: 8 },
} as const satisfies { people: number; allIn: SandboxProvider; firstOnesIn: { provider: SandboxProvider; count: number } };

/** Checkmarx's logins, first in its user list (ids 1 and 2): part of the directory, in Checkmarx only. */
export const SERVICE_LOGINS = {
  provider: 'checkmarx',
  logins: [
    { firstName: 'Sandbox', lastName: 'Admin', login: 'admin' },
    { firstName: 'Sandbox', lastName: 'Viewer', login: 'viewer' },
  ],
} as const satisfies { provider: SandboxProvider; logins: ReadonlyArray<{ firstName: string; lastName: string; login: string }> };

/** Staff who hide their e-mail from GitBook: their GitBook user has none, so no e-mail can join it to them. */
export const HIDDEN_EMAILS = { provider: 'gitbook', count: 13 } as const satisfies { provider: SandboxProvider; count: number };

/**
 * People whose e-mail one provider holds in another case than the others do (how a person typed it when invited):
 * each is in at least one other provider that carries e-mails, so a join that ignores case finds them.
 */
export const CASE_VARIANTS: ReadonlyArray<{ provider: SandboxProvider; style: 'capitalized' | 'upper' }> = [
  { provider: 'gitbook', style: 'capitalized' },
  { provider: 'gitbook', style: 'upper' },
  { provider: 'cloudflare', style: 'capitalized' },
  { provider: 'cloudflare', style: 'capitalized' },
  { provider: 'checkmarx', style: 'capitalized' },
  { provider: 'goodaccess', style: 'capitalized' },
];

/**
 * Pairs of staff who share a display name; the second one's e-mail carries a 2 (`first.last2@`). Never both in
 * GoodAccess, whose member names are unique.
 */
export const HOMONYMS = { pairs: 3, notBothIn: 'goodaccess' } as const satisfies { pairs: number; notBothIn: SandboxProvider };
