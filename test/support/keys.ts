// API key entries for gateways built in tests, in the configuration's own shape (keys are kept as SHA-256 digests).
import { sha256Hex, type ApiKey } from '../../src/config-security.js';
import type { Scope } from '../../src/resolvers/context.js';

export function apiKey(name: string, key: string, scopes: readonly Scope[], persistedOnly = false): ApiKey {
  return { name, sha256: sha256Hex(key), scopes: new Set(scopes), persistedOnly };
}
