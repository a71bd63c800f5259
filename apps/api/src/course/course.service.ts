import {
  autonomyProblem,
  COURSE_ITEMS,
  CourseProblem,
  courseItem,
  courseSummary,
  ProgressRecord,
  signOffProblem,
  tickProblem,
} from '@floor-os/onboarding';
import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { OperatorCourseView, OperatorRowView } from '@floor-os/contracts';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { OperatorUser, UsersService } from '../users/users.service';
import { OperatorCourseProgress, OperatorProfile } from './course.entities';
import type { CourseSignOffDto, CourseTickDto, OperatorProfileDto } from './dto/course.dto';

const OPERATOR_LIST: ListSpec = {
  fields: { email: '', name: '', autonomous: '', tasks_done: '', checkpoints_signed: '' },
  defaultSort: ['email', 'ASC'],
  maxPageSize: 200,
};

type Operator = OperatorUser;

function conflict(problem: CourseProblem): ApiError {
  const status =
    problem.code === 'NOT_YOUR_TASK' || problem.code === 'SELF_SIGN_OFF' || problem.code === 'SELF_AUTONOMY'
      ? HttpStatus.FORBIDDEN
      : HttpStatus.CONFLICT;
  return new ApiError(status, problem.code, problem.message);
}

/** A progress row for an item the operator has not touched yet. */
function untouched(repo: Repository<OperatorCourseProgress>, userId: string, itemSlug: string): OperatorCourseProgress {
  return repo.create({ userId, itemSlug, doneAt: null, signedOffById: null, signedOffAt: null, note: null });
}

function recordOf(row: OperatorCourseProgress): ProgressRecord {
  return {
    slug: row.itemSlug,
    doneAt: row.doneAt?.getTime() ?? null,
    signedOffById: row.signedOffById,
    signedOffAt: row.signedOffAt?.getTime() ?? null,
    note: row.note,
  };
}

/**
 * The operator course tracker (SPEC O7, decided detail 20). Progress belongs to one platform operator:
 * a tick per task, a mentor's sign-off per checkpoint, and the `autonomous` flag on the operator's
 * profile. The rules (who may tick, sign or mark autonomous, and what must come first) are the pure
 * ones of `libs/onboarding/course.ts`; refusals by the actor are 403, refusals by the course's order 409.
 * Sign-offs, withdrawals, a mentor's untick and the autonomy flag land in the admin audit log (platform
 * entries, no tenant, the entity id the operator's user id); an operator's own ticks are their notebook and
 * do not.
 * `{user_id}` is an operator's id, or `me`.
 */
@Injectable()
export class CourseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly users: UsersService,
  ) {}

  /** Every platform operator with their course summary (the mentor picks a trainee here). */
  async operators(query: ListQuery): Promise<{ rows: OperatorRowView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, OPERATOR_LIST);
    const operators: Operator[] = await this.users.platformOperators();
    const [profiles, progress] = await Promise.all([
      this.db.getRepository(OperatorProfile).find(),
      this.db.getRepository(OperatorCourseProgress).find(),
    ]);
    let rows = operators.map((operator) => {
      const summary = courseSummary(progress.filter((row) => row.userId === operator.id).map(recordOf));
      return {
        id: operator.id,
        email: operator.email,
        name: operator.name,
        status: operator.status,
        autonomous: profiles.find((profile) => profile.userId === operator.id)?.autonomous ?? false,
        tasks_done: summary.tasksDone,
        checkpoints_signed: summary.checkpointsSigned,
        next: summary.next,
      };
    });
    const f = parsed.filter;
    if (f.autonomous !== undefined)
      rows = rows.filter((row) => row.autonomous === (f.autonomous === true || f.autonomous === 'true'));
    if (typeof f.q === 'string' && f.q.trim()) {
      const q = f.q.trim().toLowerCase();
      rows = rows.filter((row) => row.email.includes(q) || row.name.toLowerCase().includes(q));
    }
    const [field, order] = parsed.sort;
    rows.sort((a, b) => {
      const x = a[field as keyof typeof a] ?? '';
      const y = b[field as keyof typeof b] ?? '';
      const cmp = x < y ? -1 : x > y ? 1 : a.email.localeCompare(b.email);
      return order === 'ASC' ? cmp : -cmp;
    });
    return { rows: rows.slice(parsed.skip, parsed.skip + parsed.take), total: rows.length, skip: parsed.skip };
  }

  /** One operator's course: every task and checkpoint with its tick or sign-off, the summary and the flag. */
  async progress(who: Principal, ref: string, manager: EntityManager = this.db.manager): Promise<OperatorCourseView> {
    const operator = await this.operator(who, ref, manager);
    const [profile, rows] = await Promise.all([
      manager.getRepository(OperatorProfile).findOneBy({ userId: operator.id }),
      manager
        .getRepository(OperatorCourseProgress)
        .find({ where: { userId: operator.id }, relations: { signedOffBy: true } }),
    ]);
    const bySlug = new Map(rows.map((row) => [row.itemSlug, row]));
    return {
      operator: { id: operator.id, email: operator.email, name: operator.name, status: operator.status },
      autonomous: profile?.autonomous ?? false,
      autonomous_since: profile?.autonomousSince?.toISOString() ?? null,
      is_self: operator.id === who.id,
      summary: courseSummary(rows.map(recordOf)),
      items: COURSE_ITEMS.map((item) => {
        const row = bySlug.get(item.slug);
        return {
          slug: item.slug,
          kind: item.kind,
          code: item.code,
          title: item.title,
          week: item.week,
          done_at: row?.doneAt?.toISOString() ?? null,
          signed_off_at: row?.signedOffAt?.toISOString() ?? null,
          signed_off_by:
            row?.signedOffAt && row.signedOffBy ? { id: row.signedOffBy.id, email: row.signedOffBy.email } : null,
          note: row?.note ?? null,
        };
      }),
    };
  }

  /** `{done: boolean}` on a task. */
  async tick(who: Principal, ref: string, slug: string, body: CourseTickDto) {
    const item = courseItem(slug);
    if (!item || item.kind !== 'task') throw new NotFoundException('No such task in the course');
    const done = body.done;
    return this.db.transaction(async (manager) => {
      const operator = await this.operator(who, ref, manager, true);
      const problem = tickProblem(who.id, operator.id, done);
      if (problem) throw conflict(problem);
      const repo = manager.getRepository(OperatorCourseProgress);
      const row = (await repo.findOneBy({ userId: operator.id, itemSlug: slug })) ?? untouched(repo, operator.id, slug);
      const wasDone = row.doneAt !== null;
      if (wasDone !== done) {
        row.doneAt = done ? new Date() : null;
        row.updatedById = who.id;
        await repo.save(row);
        if (who.id !== operator.id) {
          await this.audit.record(manager, who, {
            action: 'update',
            entityType: 'operator_course',
            entityId: operator.id,
            tenantId: null,
            before: { item: slug, done: wasDone },
            after: { item: slug, done },
          });
        }
      }
      return this.progress(who, operator.id, manager);
    });
  }

  /** `{signed: boolean, note?: string}` on a checkpoint: a mentor's sign-off, or its withdrawal with what to redo. */
  async signOff(who: Principal, ref: string, slug: string, body: CourseSignOffDto) {
    const item = courseItem(slug);
    if (!item || item.kind !== 'checkpoint') throw new NotFoundException('No such checkpoint in the course');
    const note = body.note ?? null;
    const signed = body.signed;
    const text = typeof note === 'string' && note.trim() ? note.trim() : null;
    return this.db.transaction(async (manager) => {
      const operator = await this.operator(who, ref, manager, true);
      const repo = manager.getRepository(OperatorCourseProgress);
      const rows = await repo.findBy({ userId: operator.id });
      const problem = signOffProblem(rows.map(recordOf), item, who.id, operator.id, signed, text);
      if (problem) throw conflict(problem);
      const row = rows.find((r) => r.itemSlug === slug) ?? untouched(repo, operator.id, slug);
      const before = { signed: row.signedOffAt !== null, signed_off_by_id: row.signedOffById, note: row.note };
      Object.assign(
        row,
        signed
          ? { signedOffById: who.id, signedOffAt: new Date(), note: text }
          : { signedOffById: null, signedOffAt: null, note: text },
      );
      row.updatedById = who.id;
      await repo.save(row);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'operator_course',
        entityId: operator.id,
        tenantId: null,
        before: { item: slug, ...before },
        after: { item: slug, signed, signed_off_by_id: row.signedOffById, note: text },
      });
      return this.progress(who, operator.id, manager);
    });
  }

  /** `{autonomous: boolean}` on the operator's profile, set by a mentor (decided detail 20). */
  async setProfile(who: Principal, ref: string, body: OperatorProfileDto) {
    const autonomous = body.autonomous;
    return this.db.transaction(async (manager) => {
      const operator = await this.operator(who, ref, manager, true);
      const rows = await manager.getRepository(OperatorCourseProgress).findBy({ userId: operator.id });
      const problem = autonomyProblem(rows.map(recordOf), who.id, operator.id, autonomous);
      if (problem) throw conflict(problem);
      const repo = manager.getRepository(OperatorProfile);
      const profile =
        (await repo.findOneBy({ userId: operator.id })) ??
        repo.create({ userId: operator.id, autonomous: false, autonomousSince: null });
      if (profile.autonomous !== autonomous) {
        const before = { autonomous: profile.autonomous };
        Object.assign(profile, { autonomous, autonomousSince: autonomous ? new Date() : null, updatedById: who.id });
        await repo.save(profile);
        await this.audit.record(manager, who, {
          action: 'update',
          entityType: 'operator_profile',
          entityId: operator.id,
          tenantId: null,
          before,
          after: { autonomous },
        });
      }
      return this.progress(who, operator.id, manager);
    });
  }

  /** Whether this user's profile is autonomous (the session view carries it for the sidebar). */
  async isAutonomous(userId: string): Promise<boolean> {
    return (await this.db.getRepository(OperatorProfile).findOneBy({ userId }))?.autonomous ?? false;
  }

  /** The operator `ref` names (`me`, or an operator's id); 404 for anyone else, tenant users included. */
  private async operator(who: Principal, ref: string, manager: EntityManager, lock = false): Promise<Operator> {
    const id = ref === 'me' ? who.id : ref;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException('Operator not found');
    // Locked, serialises concurrent writes on one operator's course (a sign-off checks the ticks it depends on).
    const operator = await this.users.platformOperator(manager, id, lock);
    if (!operator) throw new NotFoundException('Operator not found');
    return operator;
  }
}
