// The one list of providers: every other place (configuration, registry, connectors, packaging, sandbox wiring, tests) derives from it.
import { birdProfile } from './bird/profile.js';
import { checkmarxProfile } from './checkmarx/profile.js';
import { cloudflareProfile } from './cloudflare/profile.js';
import { gitbookProfile } from './gitbook/profile.js';
import { goodaccessProfile } from './goodaccess/profile.js';
import type { HttpTuning } from './http.js';
import type { ProviderProfile } from './profile.js';
import type { ProviderId } from './types.js';

/** In the order the API lists providers (organizations, `providers`). Adding a provider: docs/adding-a-provider.md. */
export const PROVIDERS = [goodaccessProfile, gitbookProfile, birdProfile, checkmarxProfile, cloudflareProfile] as const;

export type AnyProfile = (typeof PROVIDERS)[number];
export type { ProviderId };

/** A non-empty tuple, as zod's and Pothos' enums want one; PROVIDERS is a non-empty literal list, so the cast holds. */
export const PROVIDER_IDS = PROVIDERS.map((profile) => profile.id) as unknown as readonly [ProviderId, ...ProviderId[]];

/** The adapter configuration of each provider, by id: what the registry builds adapters from. */
export type ProviderConfigs = { [P in AnyProfile as P['id']]?: P extends ProviderProfile<string, infer C> ? C : never };

/** Any provider's adapter configuration: every one takes the same optional HTTP tuning. */
export type AnyProviderConfig = { http?: HttpTuning } & Record<string, unknown>;

const BY_ID = new Map<string, AnyProfile>(PROVIDERS.map((profile) => [profile.id, profile]));

export function isProviderId(value: string): value is ProviderId {
  return BY_ID.has(value);
}

export function profileOf(id: ProviderId): ProviderProfile<ProviderId, AnyProviderConfig> {
  const profile = BY_ID.get(id);
  if (!profile) throw new Error(`no provider ${id}`);
  // Each profile is typed by its own configuration; callers hold a ProviderConfigs entry of the same id.
  return profile as unknown as ProviderProfile<ProviderId, AnyProviderConfig>;
}
