// The HTTP client's shared state for one provider credential: a read cache invalidated by our own writes, and a rate budget.
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BudgetLimit, SharedStateStatus, Store } from '../store/index.js';
import { currentCallPolicy, type Reservation } from './call-policy.js';
import type { ResponseHeaders } from './rate-limit-headers.js';

export interface SharedCallsOptions {
  store: Store;
  /** How long a read stays cached; 0 turns the cache off. */
  cacheTtlMs: number;
  /** The credential's quota across every instance; null: only 429s and lockouts seen by any instance hold calls back. */
  budget: BudgetLimit | null;
}

/** A response as kept in the cache: enough to hand back exactly what the provider sent. */
export interface CachedResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** This process's prefix for ticket ids: tickets are unique across instances without coordination. */
const PROCESS_TAG = randomBytes(6).toString('base64url');
let ticketCount = 0;
const newTicket = () => `${PROCESS_TAG}:${(ticketCount++).toString(36)}`;

/** What identifies one credential: the provider, its base URL and its secrets (hashed before any use as a key). */
export function credentialMaterial(provider: string, baseUrl: string, secrets: readonly string[]): string {
  return `${provider}\n${baseUrl}\n${secrets.join('\n')}`;
}

/**
 * The space of one credential. In a shared store, a slow hash (scrypt, about 50 ms of CPU), so that what lands in
 * Redis never reveals a secret and a weak password cannot be guessed back from the key; in this process only, where
 * the key never leaves memory that already holds the secret, SHA-256 (scrypt for five providers was 270 ms of every
 * cold start).
 */
export function credentialSpace(material: string, shared: boolean): string {
  if (!shared) return createHash('sha256').update(material).digest('base64url').slice(0, 22);
  return scryptSync(material, 'teamgraph-store-v1', 16).toString('base64url');
}

/**
 * Made per provider by the gateway's wiring and bound by that provider's HttpClient to its credential; the
 * gateway keeps it to reserve calls for write plans.
 */
export class SharedCalls {
  private material: string | null = null;
  private space: string | null = null;

  constructor(readonly options: SharedCallsOptions) {}

  /** Ties it to a credential (`credentialMaterial`); hashed on first use, so a provider never called costs nothing. */
  bind(material: string): void {
    this.material = material;
    this.space = null;
  }

  /** Whether an HttpClient in this process uses it (not with the lambda transport, where connectors call providers). */
  get bound(): boolean {
    return this.material !== null;
  }

  status(): SharedStateStatus {
    return this.options.store.status();
  }

  get caching(): boolean {
    return this.options.cacheTtlMs > 0;
  }

  /** The cached answer for a request shape, unless this request asked for fresh reads; and the stamp to store under. */
  async lookup(scope: string, shape: string): Promise<{ hit: CachedResponse | null; stamp: string }> {
    const { value, stamp } = await this.options.store.cacheGet(this.spaceId(), scope, shape);
    if (value === null || currentCallPolicy().fresh) return { hit: null, stamp };
    try {
      return { hit: JSON.parse(value) as CachedResponse, stamp };
    } catch {
      return { hit: null, stamp };
    }
  }

  async keep(scope: string, shape: string, stamp: string, response: CachedResponse): Promise<void> {
    await this.options.store.cachePut(this.spaceId(), scope, shape, stamp, JSON.stringify(response), this.options.cacheTtlMs);
  }

  async invalidate(scopes: readonly string[]): Promise<void> {
    await this.options.store.invalidate(this.spaceId(), scopes);
  }

  /**
   * A slot for one call: from the request's reservation if it holds one here, else from the budget, waiting while
   * the wait ends before `deadline`. Without a slot by then: how long until one would be free (-1: never).
   */
  async admit(deadline: number): Promise<{ ticket: string } | { retryAfterMs: number }> {
    for (const reservation of currentCallPolicy().reservations) {
      if (reservation.owner !== this) continue;
      const ticket = reservation.take();
      if (ticket !== undefined) return { ticket };
    }
    const ticket = newTicket();
    const refused = await this.take([ticket], deadline);
    return refused === null ? { ticket } : { retryAfterMs: refused };
  }

  /** The call was answered: its slot counts from now, as the provider counted it at some point until now. */
  settle(ticket: string): void {
    // Not awaited: the answer does not wait for bookkeeping; the store never throws.
    void this.options.store.settle(this.spaceId(), [ticket]);
  }

  /** A 429 or an exhausted quota seen here holds every instance's calls of this credential back until it ends. */
  async block(waitMs: number): Promise<void> {
    await this.options.store.block(this.spaceId(), waitMs);
  }

  /** Sets `calls` slots aside, all or none, waiting while that fits `deadline`; null with the wait when they cannot be had. */
  async reserve(calls: number, deadline: number): Promise<Reservation | { retryAfterMs: number }> {
    const tickets = Array.from({ length: calls }, newTicket);
    const refused = await this.take(tickets, deadline);
    if (refused !== null) return { retryAfterMs: refused };
    const unused = [...tickets];
    return {
      owner: this,
      take: () => unused.shift(),
      release: async () => {
        const left = unused.splice(0);
        if (left.length > 0) await this.options.store.release(this.spaceId(), left);
      },
    };
  }

  /** Null once granted; else the ms until the slots would be free (-1: never, more than the quota). */
  private async take(tickets: readonly string[], deadline: number): Promise<number | null> {
    const { store, budget } = this.options;
    for (;;) {
      // Held until the deadline: a call still unanswered by then has failed, and its ticket is settled with it.
      const admission = await store.admit(this.spaceId(), budget, tickets, deadline - Date.now());
      if (admission.granted) return null;
      if (admission.waitMs < 0 || Date.now() + admission.waitMs >= deadline) return admission.waitMs;
      await sleep(admission.waitMs);
    }
  }

  private spaceId(): string {
    if (this.material === null) throw new Error('SharedCalls used before an HttpClient bound it to a credential');
    // LOCAL: no shared store is configured (for the process's life), so the key never leaves this process.
    this.space ??= credentialSpace(this.material, this.options.store.status() !== 'LOCAL');
    return this.space;
  }
}

/** The value of a route parameter in a path built from that route (parameters are whole segments), decoded. */
export function routeParameter(route: string, path: string, name: string): string | null {
  const template = route.split('/');
  const index = template.indexOf(`{${name}}`);
  if (index === -1) return null;
  const segment = path.split('/')[index];
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type { SharedStateStatus };
