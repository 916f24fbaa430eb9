// The people read side as the schema calls it (`people.x`): a person by e-mail, the people list, a person's fields and memberships.
export { MAX_EMAIL_LENGTH, personEmail, personKeyOf } from './email.js';
export { findPerson, type PersonFound } from './lookup.js';
export { personMemberships, type MembershipSlot } from './memberships.js';
export { people, type PeopleFilterInput } from './people.js';
export { personByEmail, personDisplayName, personProviders, type PersonRecord } from './summary.js';
export { personByInput, personOfGlobalId, personOfMember } from './entry-points.js';
