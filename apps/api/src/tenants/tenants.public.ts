// What other modules may import from the tenants module besides its services: the tenant entity, for their
// entities' relations to it (`@ManyToOne(() => Tenant)`) and as a type. A table's rows are read and written
// through the tenants module's services (TenantsService, TenantDirectory), never through this file's class
// in another module's query. Entities and types only: a service or module here would drag the tenants
// module's imports into every entity that relates to a tenant (docs/development.md, "Who owns which table").
export { Tenant } from './tenant.entity';
export type { EnforcementMode } from './tenant.entity';
