import { AdminAuditEntry } from '../audit-log/admin-audit-entry.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { Session } from '../auth/session.entity';
import { Tenant } from '../tenants/tenant.entity';
import { Invitation } from '../users/invitation.entity';
import { User } from '../users/user.entity';

/** Every entity; migrations must match them (a test generates a migration and expects it empty). */
export const ENTITIES = [Tenant, User, Invitation, Session, ApiKey, AdminAuditEntry];
