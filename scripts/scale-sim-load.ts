// The scale simulation's load: dashboard requests on every gateway at once, some asking for fresh reads, and what each cost.
import { Agent, request } from 'undici';

/**
 * The dashboard (every organization of every provider, its first 10 teams and user groups, each with its first 20
 * members), or one provider's part of it: what a sync job reads afresh.
 */
function dashboardOf(provider: string): string {
  return `query Dashboard { organizations(first: 20${provider ? `, provider: ${provider}` : ''}) { edges { node { id provider name
  teams(first: 10) { edges { node { id name memberCount members(first: 20) { edges { node { id displayName email role status } } } } } }
  userGroups(first: 10) { edges { node { id name members(first: 20) { edges { node { id displayName email status } } } } } } } } } }`;
}

interface TraceEntry {
  provider: string;
  cached?: boolean;
  outcome: string;
}

/** What one run of the load saw, per provider and in all. */
export interface LoadResult {
  requests: number;
  /** Request latencies in ms, sorted: the viewers' dashboards, and each provider's sync jobs. */
  latencies: Record<string, number[]>;
  /** Answers that were not a GraphQL result at all (a gateway failing). */
  failures: number;
  /** From the first request sent to the last answer received. */
  elapsedMs: number;
  perProvider: Record<string, { cached: number; sent: number; rateLimited: number }>;
}

export interface LoadOptions {
  urls: readonly string[];
  /** Clients in all, spread over the gateways (at least one each). */
  clients: number;
  /**
   * Share of clients that are sync jobs: each reads one budgeted provider's part of the dashboard with
   * `cache-control: no-cache` (they must see the provider now), in turn over `syncProviders`. The others are viewers
   * loading the whole dashboard, which the cache may answer.
   */
  freshShare: number;
  syncProviders: readonly string[];
  durationMs: number;
  apiKey: string;
}

const agent = new Agent({ connections: 256, keepAliveTimeout: 10_000 });

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, latencies: {}, failures: 0, elapsedMs: 0, perProvider: {} };
  const began = performance.now();
  const tally = (provider: string) => {
    result.perProvider[provider] ??= { cached: 0, sent: 0, rateLimited: 0 };
    return result.perProvider[provider];
  };
  const clients = Math.max(options.clients, options.urls.length);
  const freshClients = Math.round(clients * options.freshShare);
  const ends = Date.now() + options.durationMs;

  const client = async (index: number) => {
    const url = options.urls[index % options.urls.length] as string;
    const sync = index < freshClients ? (options.syncProviders[index % options.syncProviders.length] ?? '') : '';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${options.apiKey}`,
      'x-teamgraph-trace': '1',
      ...(sync ? { 'cache-control': 'no-cache' } : {}),
    };
    const body = JSON.stringify({ query: dashboardOf(sync) });
    const latencies = (result.latencies[sync || 'viewers'] ??= []);
    while (Date.now() < ends) {
      const started = performance.now();
      try {
        const response = await request(url, { method: 'POST', headers, body, dispatcher: agent });
        const answer = (await response.body.json()) as {
          errors?: Array<{ extensions?: { code?: string; provider?: string; retryAfter?: number } }>;
          extensions?: { upstream?: { log: TraceEntry[] } };
        };
        latencies.push(performance.now() - started);
        result.requests += 1;
        for (const entry of answer.extensions?.upstream?.log ?? []) {
          const counts = tally(entry.provider);
          if (entry.cached) counts.cached += 1;
          else if (entry.outcome !== 'rate-limited' && entry.outcome !== 'circuit-open') counts.sent += 1;
        }
        const refusals = (answer.errors ?? []).filter((e) => e.extensions?.code === 'RATE_LIMITED');
        for (const provider of new Set(refusals.map((e) => e.extensions?.provider ?? '?'))) tally(provider).rateLimited += 1;
        if (!answer.extensions?.upstream) result.failures += 1;
        // As a well-behaved client does: a refusal's retryAfter is waited out (within the run) before asking again.
        const retryAfter = Math.max(0, ...refusals.map((e) => e.extensions?.retryAfter ?? 0));
        if (retryAfter > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter * 1000, Math.max(0, ends - Date.now()))));
      } catch {
        result.failures += 1;
        result.requests += 1;
        // A gateway that is gone refuses at once: do not spin on it.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  result.elapsedMs = performance.now() - began;
  for (const list of Object.values(result.latencies)) list.sort((a, b) => a - b);
  return result;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
