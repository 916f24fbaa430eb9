// What a provider is to teamgraph, in one value its folder exports: name, capabilities, id rules, settings, adapter factory, sandbox wiring.
import type { HttpTuning } from './http.js';
import type { Capabilities, IdRules, ProviderAdapter, ProviderId } from './types.js';

/** One environment variable of a provider, and the adapter configuration field it fills. */
export interface ProviderSetting<Config = Record<string, unknown>> {
  /** Such as `GITBOOK_TOKEN`. */
  variable: string;
  /** The adapter configuration field, such as `token`. */
  field: Extract<keyof Config, string>;
  /** README's configuration table says this. */
  description: string;
  example: string;
  /** The provider is on when its required variables are set; some set and some not is an error. */
  required?: true;
  /** A credential: kept out of packaged artifacts and log lines, and taken from SSM when deployed. */
  secret?: true;
  /** An http(s) URL; trailing slashes are dropped. */
  url?: true;
  default?: string;
  /** The deployed value's SSM parameter under `/teamgraph/<stage>/`, such as `gitbook/token`; unset: empty when deployed. */
  ssm?: string;
  /** False: not set on the deployed connector (the adapter's default serves every real installation). */
  deployed?: false;
}

/** What a simulator tells the wiring that points an adapter at it. */
export interface SimulatorEndpoint {
  baseUrl: string;
  /** Ids a client needs to begin with, such as Bird's organization id. */
  facts: Readonly<Record<string, string>>;
}

export interface ProviderProfile<Id extends string = string, Config extends { http?: HttpTuning } = { http?: HttpTuning }> {
  /** The GraphQL enum value and the upper-case prefix of its variables, such as `GITBOOK`. */
  id: Id;
  /** The product's name, such as `GitBook`. */
  name: string;
  capabilities: Capabilities;
  /** What the resolvers check ids with, whichever transport serves the provider. */
  ids: IdRules;
  settings: readonly ProviderSetting<Config>[];
  /**
   * The call quota the vendor documents per credential (what the shared rate budget spends by default against the
   * real API), and whether going over it locks the credential out for a while; absent where none is documented.
   */
  documentedQuota?: { quota: number; windowMs: number; locksOut: boolean };
  /**
   * Async: the adapter and its HTTP client (undici, the wire schemas) load only when a configuration uses them; the
   * deployed gateway Lambda calls connectors instead and never loads them.
   */
  createAdapter(config: Config): Promise<ProviderAdapter>;
  sandbox: {
    /** The simulator's name in the sandbox, such as `gitbook`. */
    simulator: string;
    /** The adapter configuration that points at that simulator, with its fixed sandbox credentials. */
    config(endpoint: SimulatorEndpoint): Config;
  };
}

/** Keeps the id a literal type, so the list of profiles defines ProviderId. */
export function defineProvider<const Id extends ProviderId, Config extends { http?: HttpTuning }>(
  profile: ProviderProfile<Id, Config>,
): ProviderProfile<Id, Config> {
  return profile;
}
