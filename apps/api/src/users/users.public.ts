// What other modules may import from the users module besides its services: the user entity, for their
// entities' relations to a user (`@ManyToOne(() => User)`) and as a type (a signed-in user, a user's
// status). Users and invitations are read and written through UsersService and InvitationsService, never
// through this file's class in another module's query. Entities and types only: a service or module here
// would drag the users module's imports into every entity that relates to a user (docs/development.md,
// "Who owns which table").
export { User } from './user.entity';
export type { UserStatus } from './user.entity';
