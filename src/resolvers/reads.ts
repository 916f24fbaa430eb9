// The read side as the schema calls it (`reads.x`): the lookups and connections of the files that each do one job.
export { emptyConnection } from './connections.js';
export { childTeams, groupMembers, organizationGroups, organizationMembers } from './list-connections.js';
export { memberGroups, personDetail } from './member-details.js';
export { group, MAX_NODE_IDS, member, node, nodeEntries, nodesByGlobalId, organization } from './nodes.js';
export { nodeFromId } from './node-from-id.js';
export { organizations } from './organizations.js';
export { providerInfo } from './provider-info.js';
export type { ReadContext } from './read-context.js';
