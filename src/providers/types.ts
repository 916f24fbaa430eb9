// The contract every provider adapter meets: unified records, pages, capabilities, errors and the adapter interface.
import type { BreakerState } from './circuit-breaker.js';

/**
 * The providers' ids: each provider's profile adds its own here by declaration merging
 * (`declare module '../types.js' { interface ProviderIdRegistry { GITBOOK: true } }`), so the folders define the
 * ids and this contract imports none of them (no cycle through the adapters, which use the type).
 * @public (extended by each profile, which knip cannot see)
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each provider's profile through declaration merging.
export interface ProviderIdRegistry {}
export type ProviderId = Extract<keyof ProviderIdRegistry, string>;

/** A JSON object as a provider sent it; kept on every record so nothing the API said is lost. */
export type JsonObject = { [key: string]: unknown };

export interface OrganizationRecord {
  provider: ProviderId;
  /** The provider's id of the organization (account, tenant, server) as a string. */
  id: string;
  name: string;
  raw: JsonObject;
}

export type GroupKind = 'team' | 'userGroup';

export interface GroupRecord {
  provider: ProviderId;
  organizationId: string;
  id: string;
  kind: GroupKind;
  name: string;
  /** Null where the API does not say. */
  memberCount: number | null;
  /** Hierarchical providers only (Checkmarx): the parent group's id, null at the top. */
  parentId: string | null;
  /** Hierarchical providers only: the full path, such as `/CxServer/SP/Company/Team`. */
  path: string | null;
  /** ISO-8601 with offset, or null. */
  createdAt: string | null;
  raw: JsonObject;
}

export const MEMBER_STATUSES = ['ACTIVE', 'INVITED', 'PENDING', 'REQUESTED_TO_JOIN', 'BLOCKED', 'UNKNOWN'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_ROLES = ['OWNER', 'MEMBER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MemberRecord {
  provider: ProviderId;
  organizationId: string;
  /** The group this record was read from; null for an organization-level member. */
  groupId: string | null;
  /** The provider's id of this membership: what its membership endpoints take (Cloudflare: account member id). */
  memberId: string;
  /** The provider's id of the user; equal to memberId everywhere but Cloudflare; null where unknown. */
  userId: string | null;
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  /** Team role, only where the provider has one (GitBook). */
  role: MemberRole | null;
  status: MemberStatus;
  mfaEnabled: boolean | null;
  /** Timestamps are ISO-8601 with offset (UTC `Z`), or null. */
  lastLoginAt: string | null;
  joinedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** The groups this member belongs to, where the provider's record says (Checkmarx users' teamIds); else null. */
  groupIds: string[] | null;
  raw: JsonObject;
}

/** One page of a provider list. `next` is the adapter's opaque token for the following page; null at the end. */
export interface Page<T> {
  items: T[];
  next: string | null;
  /** The total across all pages, where the API reports one. */
  totalCount: number | null;
  /**
   * Where the API numbers its pages and counts its items (Cloudflare): the tokens of every page after this one at
   * the same size, so a reader that needs them all asks for them at once instead of one after another. Absent
   * where each page's token comes only with the page before it (cursors: GitBook, Bird).
   */
  following?: string[];
}

export interface PageRequest {
  /** A `next` token from a previous Page of the same list, or null/undefined for the first page. */
  after?: string | null;
  /** Wanted items; the adapter clamps it to `capabilities.maxPageSize`. APIs without paging ignore it. */
  size: number;
}

/** Server-side filters; an adapter applies what its API can and says so in `capabilities.filters`. */
export interface MemberListFilter {
  status?: MemberStatus[];
  emailContains?: string;
}

export interface GroupListFilter {
  /** Case-insensitive substring of the group name. */
  name?: string;
}

/** Where a group lives. */
export interface GroupRef {
  organizationId: string;
  groupId: string;
}

/** Whom a membership write is about: the provider's member id (see MemberRecord.memberId), or an e-mail. */
export type MemberRef = { memberId: string } | { email: string };

export type ChangeStatus = 'ADDED' | 'ALREADY_MEMBER' | 'REMOVED' | 'NOT_A_MEMBER' | 'FAILED';

/** The outcome of a write for one member; bulk writes return one per input, in input order. */
export interface MemberChange {
  ref: MemberRef;
  status: ChangeStatus;
  /** Set when status is FAILED. */
  error?: ProviderError;
}

export interface NewMemberInput {
  name: string;
  /** Write-only: never logged, echoed or put in an error. */
  password: string;
}

export interface MemberUpdateInput {
  name?: string;
  /** Write-only: never logged, echoed or put in an error. */
  password?: string;
}

/** The writes an adapter implements natively; anything else is emulated (or refused) by the resolvers. */
export interface WriteCapabilities {
  addMember: boolean;
  /** Several members in one call. */
  addMembersBulk: boolean;
  removeMember: boolean;
  removeMembersBulk: boolean;
  /** Replace the whole member set in one call. */
  replaceMembers: boolean;
  setMemberRole: boolean;
  /** Membership writes accept `{ email }` refs. */
  refsByEmail: boolean;
  createMember: boolean;
  updateMember: boolean;
  deleteMember: boolean;
  disconnectMember: boolean;
  /**
   * Take a member out of the organization (its groups with it) without deleting a user the API manages itself:
   * only where the provider's contract documents the call (GitBook's organization-member DELETE, Checkmarx's user DELETE).
   */
  removeOrganizationMember: boolean;
}

export interface Capabilities {
  /** `list`: the API lists organizations; `single`: the credentials imply exactly one. */
  organizations: 'list' | 'single';
  groupKind: GroupKind;
  /** Groups have parents (Checkmarx). */
  hierarchy: boolean;
  /** The API lists the organization's own members. */
  organizationMembers: boolean;
  /** Team roles (owner/member). */
  memberRoles: boolean;
  /**
   * Group member records lack person details (names, user id) that the organization's member list has
   * (Cloudflare): the resolvers fill them from one batched organization-member read.
   */
  memberDetailsFromOrganization: boolean;
  /**
   * The organization's member list says which groups each member is in (Checkmarx users' teamIds), and comes
   * whole: one read of it answers every group's member list, instead of a call per group.
   */
  membersListGroups?: boolean;
  /** How the provider pages: an opaque cursor, page numbers, or everything at once. */
  pagination: 'cursor' | 'pageNumber' | 'none';
  /** The largest page the API serves in one call. */
  maxPageSize: number;
  /** Member list filters the API applies itself (the resolvers apply the rest). */
  filters: { status: boolean; emailContains: boolean; groupName: boolean };
  writes: WriteCapabilities;
  /** The largest number of members one bulk call accepts. */
  maxBulkSize: number;
}

export const PROVIDER_ERROR_KINDS = [
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'CONFLICT',
  'INVALID',
  'UNAVAILABLE',
  'BAD_RESPONSE',
  'UNSUPPORTED',
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export interface ProviderErrorDetails {
  /** The HTTP status that caused the error, when there was one. */
  status?: number;
  /** Seconds to wait before trying again (RATE_LIMITED). */
  retryAfter?: number;
  /** The request may have been applied (a non-idempotent call that timed out): read state before resending. */
  outcomeUnknown?: boolean;
  /** The route template of the failing call, such as `GET /v1/orgs/{organizationId}`. */
  route?: string;
  /** The field of a response that failed validation (BAD_RESPONSE), or of the input (INVALID). */
  field?: string;
  cause?: unknown;
}

/** An error that crossed a provider boundary. Messages never contain credentials, passwords or request bodies. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly status?: number;
  readonly retryAfter?: number;
  readonly outcomeUnknown: boolean;
  readonly route?: string;
  readonly field?: string;

  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderErrorKind,
    message: string,
    details: ProviderErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.retryAfter = details.retryAfter;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.route = details.route;
    this.field = details.field;
  }

  /** A plain, serialisable form: used to carry the error across the Lambda hop. */
  toJSON(): SerializedProviderError {
    return {
      provider: this.provider,
      kind: this.kind,
      message: this.message,
      status: this.status,
      retryAfter: this.retryAfter,
      outcomeUnknown: this.outcomeUnknown,
      route: this.route,
      field: this.field,
    };
  }

  static fromJSON(value: SerializedProviderError): ProviderError {
    return new ProviderError(value.provider, value.kind, value.message, value);
  }
}

export interface SerializedProviderError {
  provider: ProviderId;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  retryAfter?: number;
  outcomeUnknown?: boolean;
  route?: string;
  field?: string;
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/**
 * The shape of a provider's ids: part of the contract, so callers can refuse a malformed id (or compare two ids)
 * without knowing any provider. Each check throws the provider's own INVALID ProviderError naming the field,
 * the very error its adapter's methods throw for that id; a well-formed id may still name nothing (NOT_FOUND).
 */
export interface IdRules {
  organization(id: string): void;
  group(id: string): void;
  /** A membership's id (MemberRecord.memberId). */
  member(id: string): void;
  /** A user's id (MemberRecord.userId). */
  user(id: string): void;
  /** Two ids that differ only in case name the same object (UUIDs, hex ids); false where ids compare exactly. */
  readonly ignoreCase: boolean;
  /**
   * A user's id is also what the membership endpoints take. False on Cloudflare, whose group endpoints take
   * account member ids: a user id there is looked up among the account's members.
   */
  readonly memberIdIsUserId: boolean;
}

/**
 * One adapter per provider. Reads are required; writes exist only where `capabilities.writes` says so.
 * Batch reads (`get*` taking many ids) return one entry per id, in order: the record, or a ProviderError
 * (NOT_FOUND for an id that does not exist) so one bad id never fails the batch. Every method validates
 * its ids' format first: a malformed id is an INVALID error and costs no upstream call.
 */
export interface ProviderAdapter {
  readonly id: ProviderId;
  /** The product's name, such as `GitBook`. */
  readonly name: string;
  readonly capabilities: Capabilities;
  /** Static like capabilities: known without credentials, so every transport serves the same rules. */
  readonly ids: IdRules;

  /** Hears every upstream attempt (for logs, traces, call counts); returns the function that stops it. */
  observe(observer: CallObserver): () => void;
  /** The state of this provider's circuit breaker. */
  breakerState(): BreakerState;

  listOrganizations(page: PageRequest): Promise<Page<OrganizationRecord>>;
  getOrganizations(organizationIds: readonly string[]): Promise<Array<OrganizationRecord | ProviderError>>;

  listGroups(organizationId: string, page: PageRequest, filter?: GroupListFilter): Promise<Page<GroupRecord>>;
  getGroups(organizationId: string, groupIds: readonly string[]): Promise<Array<GroupRecord | ProviderError>>;

  listGroupMembers(group: GroupRef, page: PageRequest, filter?: MemberListFilter): Promise<Page<MemberRecord>>;
  getGroupMembers(group: GroupRef, memberIds: readonly string[]): Promise<Array<MemberRecord | ProviderError>>;

  /** Only where `capabilities.organizationMembers`; otherwise UNSUPPORTED. */
  listOrganizationMembers(organizationId: string, page: PageRequest, filter?: MemberListFilter): Promise<Page<MemberRecord>>;
  getOrganizationMembers(organizationId: string, memberIds: readonly string[]): Promise<Array<MemberRecord | ProviderError>>;

  addMember?(group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange>;
  addMembers?(group: GroupRef, refs: readonly MemberRef[], role?: MemberRole): Promise<MemberChange[]>;
  removeMember?(group: GroupRef, ref: MemberRef): Promise<MemberChange>;
  removeMembers?(group: GroupRef, refs: readonly MemberRef[]): Promise<MemberChange[]>;
  /**
   * Makes the member set exactly `refs`; returns ADDED / ALREADY_MEMBER for each ref and REMOVED for those dropped.
   * Sends nothing when the set already is `refs`. `current`, the member ids the caller has just read, spares the
   * adapter its own read of the set (a read-modify-write reads once, not twice).
   */
  replaceMembers?(group: GroupRef, refs: readonly MemberRef[], current?: readonly string[]): Promise<MemberChange[]>;
  setMemberRole?(group: GroupRef, memberId: string, role: MemberRole): Promise<void>;
  createMember?(organizationId: string, input: NewMemberInput): Promise<MemberRecord>;
  updateMember?(organizationId: string, memberId: string, input: MemberUpdateInput): Promise<MemberRecord>;
  deleteMember?(organizationId: string, memberId: string): Promise<void>;
  disconnectMember?(organizationId: string, memberId: string): Promise<void>;
  /** Only where `capabilities.writes.removeOrganizationMember`: REMOVED, or NOT_A_MEMBER when it was not (any more) a member. */
  removeOrganizationMember?(organizationId: string, memberId: string): Promise<MemberChange>;

  /** Releases connection pools. */
  close(): Promise<void>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One attempt of one upstream call, as the HTTP client reports it to observers (tracing, logs). */
export interface CallEvent {
  provider: ProviderId;
  method: HttpMethod;
  /** The route template, such as `/v1/orgs/{organizationId}/teams`. */
  route: string;
  /** Null when no response arrived (network error, timeout, open circuit). */
  status: number | null;
  durationMs: number;
  /**
   * `performance.now()` when the attempt began, in the process that made it; absent on attempts replayed from
   * another process (the lambda transport), whose clock is not this one's.
   */
  startedAt?: number;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * `rate-limited`: not sent, the shared rate budget had no slot in time (docs/store.md). `cancelled`: a read given up
   * while in flight because the request's client hung up (it says nothing about the provider's health).
   */
  outcome: 'response' | 'network-error' | 'timeout' | 'circuit-open' | 'rate-limited' | 'cancelled';
  /** Served from the read cache: no call went out (a response outcome with the cached status). */
  cached?: boolean;
}

export type CallObserver = (event: CallEvent) => void;
