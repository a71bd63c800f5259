import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/users.public';

/**
 * A platform operator's profile (SPEC decided detail 20): `autonomous` is set by a mentor once the
 * operator course is passed; while it is set, the course tracker leaves the operator's sidebar.
 */
@Entity('operator_profile')
export class OperatorProfile {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'boolean', default: false })
  autonomous: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  autonomousSince: Date | null;

  /** The mentor who last set or cleared the flag. */
  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One operator's progress on one course item (SPEC O7): a task's tick, or a checkpoint's sign-off. */
@Entity('operator_course_progress')
export class OperatorCourseProgress {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  /** The item's slug in `libs/onboarding` COURSE_ITEMS (and its `/help/<slug>` page). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  itemSlug: string;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  signedOffById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  signedOffBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  signedOffAt: Date | null;

  /** The mentor's note: what was observed on a sign-off, what to redo on a withdrawal. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
