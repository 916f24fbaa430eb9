// The schema: every type file registers itself on the builder; this module loads them and builds once.
import { builder } from './builder.js';
import './enums.js';
import './provider.js';
import './member-filter.js';
import './member.js';
import './member-group.js';
import './organization.js';
import './query.js';

export const schema = builder.toSchema({ sortSchema: true });
