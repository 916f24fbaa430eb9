// What route handlers share: the current state, the token store, and how a route is declared.
import type { SimHandler, SimRoute } from '../core/types.js';
import type { AccessControlState } from './state.js';
import type { TokenStore } from './tokens.js';

export interface CxContext {
  /** The live state; replaced on reset, so always read it through this. */
  state(): AccessControlState;
  tokens: TokenStore;
}

/** A route before the shared checks are wrapped around it; `write` routes need "Manage Users". */
export interface CxRoute {
  method: SimRoute['method'];
  template: string;
  handler: SimHandler;
  write?: boolean;
}
