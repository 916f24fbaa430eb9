// The Mutation type: membership changes and member lifecycle, each a union of its success and the typed errors.
import { builder } from '../builder.js';
import './membership.js';
import './members.js';
import './offboard.js';

builder.mutationType({ description: 'Changes to team membership, the same on every provider (see README "Mutations").' });
