import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Tenant } from '../../tenants/tenants.public';
import { User } from '../../users/users.public';

/**
 * A tenant's OpenID Connect settings (SPEC R7, decided detail 33): one identity provider per tenant. The
 * client secret is sealed (SecretBox, like vendors' webhook secrets) and never leaves the API.
 */
@Entity('sso_config')
export class SsoConfig {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** The issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  @Column({ type: 'text', select: false })
  sealedClientSecret: string;

  /** Lower-cased email domains routed to this provider; `sso_email_domain` keeps each unique across tenants. */
  @Column({ type: 'text', array: true })
  emailDomains: string[];

  /** Password sign-in refused for the tenant's users, except the break-glass Tenant Admin. */
  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'uuid', nullable: true })
  breakGlassUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'break_glass_user_id' })
  breakGlassUser?: User;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastSignInUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_sign_in_user_id' })
  lastSignInUser?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Which tenant's provider an email domain signs in with: a domain belongs to one tenant at most. */
@Entity('sso_email_domain')
export class SsoEmailDomain {
  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;
}
