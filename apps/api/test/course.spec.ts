import { COURSE_CHECKPOINTS, COURSE_TASKS } from '@floor-os/onboarding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

type Course = {
  operator: { id: string; email: string };
  autonomous: boolean;
  autonomous_since: string | null;
  is_self: boolean;
  summary: { tasksDone: number; checkpointsSigned: number; next: string | null };
  items: {
    slug: string;
    kind: string;
    done_at: string | null;
    signed_off_at: string | null;
    signed_off_by: { id: string; email: string } | null;
    note: string | null;
  }[];
};

const week = (n: number) => COURSE_TASKS.filter((task) => task.week === n).map((task) => task.slug);
const [C1, C2, C3, C4, C5] = COURSE_CHECKPOINTS.map((checkpoint) => checkpoint.slug);

/**
 * SPEC O7 and decided detail 20 over HTTP: the operator course tracker keeps a tick per task and a
 * mentor's sign-off per checkpoint for each operator, and the `autonomous` flag on the operator's profile
 * takes the tracker out of the sidebar (`GET /auth/me` carries it).
 */
describe('the operator course tracker', () => {
  let t: TestApp;
  let http: Http;
  let trainee: { id: string; email: string; cookie: string };
  let mentor: { id: string; email: string; cookie: string };

  const operator = async (name: string) => {
    const user = await makeUser(t.db, null, ['platform_operator'], { name });
    return { id: user.id, email: user.email, cookie: await http.login(user.email, PASSWORD) };
  };
  const tick = (as: { cookie: string }, who: string, slug: string, done: boolean) =>
    http.put<Course>(`/sys/operators/${who}/course/tasks/${slug}`, { done }, { cookie: as.cookie });
  const sign = (as: { cookie: string }, who: string, slug: string, body: Record<string, unknown>) =>
    http.put<Course>(`/sys/operators/${who}/course/checkpoints/${slug}`, body, { cookie: as.cookie });
  const autonomy = (as: { cookie: string }, who: string, autonomous: unknown) =>
    http.request<Course>('PATCH', `/sys/operators/${who}/profile`, { cookie: as.cookie, body: { autonomous } });
  const item = (course: Course, slug: string) => course.items.find((i) => i.slug === slug)!;
  const audits = (operatorId: string, entityType: string, itemSlug?: string) =>
    t.db.query(
      `SELECT actor_id, entity_type, before, after, tenant_id FROM admin_audit_log
        WHERE entity_id = $1 AND entity_type = $2 AND ($3::text IS NULL OR after->>'item' = $3) ORDER BY created_at, id`,
      [operatorId, entityType, itemSlug ?? null],
    );

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    trainee = await operator('Tia Trainee');
    mentor = await operator('Max Mentor');
  });
  afterAll(() => t.close());

  it('should start every operator with 20 open tasks and 5 open checkpoints, and not autonomous', async () => {
    const mine = await http.get<Course>('/sys/operators/me/course', { cookie: trainee.cookie });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toMatchObject({
      operator: { id: trainee.id },
      autonomous: false,
      is_self: true,
      summary: { tasksDone: 0, checkpointsSigned: 0, next: week(1)[0] },
    });
    expect(mine.body.items.map((i) => i.kind).join()).toBe(
      [...Array(20).fill('task'), ...Array(5).fill('checkpoint')].join(),
    );
    const viewed = await http.get<Course>(`/sys/operators/${trainee.id}/course`, { cookie: mentor.cookie });
    expect(viewed.body).toMatchObject({ operator: { id: trainee.id }, is_self: false });
    const me = await http.get('/api/v1/auth/me', { cookie: trainee.cookie });
    expect(me.body.user.autonomous).toBe(false);
  });

  it('should let operators tick and untick their own tasks, and a mentor only untick them (audited)', async () => {
    const [t1, t2] = week(1);
    const ticked = await tick(trainee, 'me', t1, true);
    expect(ticked.status, ticked.text).toBe(200);
    expect(item(ticked.body, t1).done_at).not.toBeNull();
    expect(ticked.body.summary.tasksDone).toBe(1);
    // Ticking again keeps the first time.
    const again = await tick(trainee, trainee.id, t1, true);
    expect(item(again.body, t1).done_at).toBe(item(ticked.body, t1).done_at);

    const forThem = await tick(mentor, trainee.id, t2, true);
    expect(forThem.status).toBe(403);
    expect(forThem.body.code).toBe('NOT_YOUR_TASK');
    expect(
      item((await http.get<Course>('/sys/operators/me/course', { cookie: trainee.cookie })).body, t2).done_at,
    ).toBeNull();

    const unticked = await tick(mentor, trainee.id, t1, false);
    expect(unticked.status, unticked.text).toBe(200);
    expect(item(unticked.body, t1).done_at).toBeNull();
    const [entry, ...more] = await audits(trainee.id, 'operator_course', t1);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_id: mentor.id,
      entity_type: 'operator_course',
      before: { item: t1, done: true },
      after: { item: t1, done: false },
      tenant_id: null,
    });
  });

  it('should refuse bad input with field messages and unknown items with 404', async () => {
    expect((await tick(trainee, 'me', week(1)[0], 'yes' as never)).body.fields).toHaveProperty('done');
    expect((await tick(trainee, 'me', 'no-such-task', true)).status).toBe(404);
    expect((await tick(trainee, 'me', C1, true)).status).toBe(404);
    expect((await sign(mentor, trainee.id, week(1)[0], { signed: true })).status).toBe(404);
    const badSign = await sign(mentor, trainee.id, C1, { signed: 'ok', note: 'x'.repeat(501) });
    expect(badSign.status).toBe(400);
    expect(Object.keys(badSign.body.fields).sort()).toEqual(['note', 'signed']);
    expect((await autonomy(mentor, trainee.id, 'true')).body.fields).toHaveProperty('autonomous');
  });

  it('should let only a mentor sign a checkpoint, after its tasks, and keep who, when and the note', async () => {
    for (const slug of week(1).slice(0, 3)) expect((await tick(trainee, 'me', slug, true)).status).toBe(200);
    const early = await sign(mentor, trainee.id, C1, { signed: true, note: 'Good' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'TASKS_OPEN', message: 'Tasks not ticked yet: T4, T5' });
    for (const slug of week(1).slice(3)) await tick(trainee, 'me', slug, true);

    const self = await sign(trainee, 'me', C1, { signed: true });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_SIGN_OFF');

    const signed = await sign(mentor, trainee.id, C1, {
      signed: true,
      note: '  Provisioned and explained isolation without prompts  ',
    });
    expect(signed.status, signed.text).toBe(200);
    expect(item(signed.body, C1)).toMatchObject({
      signed_off_by: { id: mentor.id, email: mentor.email },
      note: 'Provisioned and explained isolation without prompts',
    });
    expect(signed.body.summary).toMatchObject({ tasksDone: 5, checkpointsSigned: 1, next: week(2)[0] });

    const withdrawNoNote = await sign(mentor, trainee.id, C1, { signed: false });
    expect(withdrawNoNote.body.code).toBe('NOTE_REQUIRED');
    const withdrawn = await sign(mentor, trainee.id, C1, { signed: false, note: 'Redo T5: the switcher' });
    expect(item(withdrawn.body, C1)).toMatchObject({
      signed_off_at: null,
      signed_off_by: null,
      note: 'Redo T5: the switcher',
    });
    await sign(mentor, trainee.id, C1, { signed: true, note: 'T5 redone' });

    const entries = await audits(trainee.id, 'operator_course', C1);
    expect(entries.map((e: { after: { signed: boolean } }) => e.after.signed)).toEqual([true, false, true]);
    expect(
      entries.every(
        (e: { actor_id: string; tenant_id: string | null }) => e.actor_id === mentor.id && e.tenant_id === null,
      ),
    ).toBe(true);
  });

  it('should sign C5 only after C1–C4, mark autonomous only after C1–C5, and drop the tracker from the session', async () => {
    for (const n of [2, 3, 4]) for (const slug of week(n)) await tick(trainee, 'me', slug, true);
    // Checkpoints are signed in order: C3 waits for C2 even with week 3's tasks ticked.
    const c3early = await sign(mentor, trainee.id, C3, { signed: true });
    expect(c3early.status).toBe(409);
    expect(c3early.body).toMatchObject({ code: 'CHECKPOINTS_OPEN', message: 'Checkpoints not signed yet: C2' });
    await sign(mentor, trainee.id, C2, { signed: true });
    await sign(mentor, trainee.id, C3, { signed: true });
    const c5early = await sign(mentor, trainee.id, C5, { signed: true });
    expect(c5early.status).toBe(409);
    expect(c5early.body.code).toBe('CHECKPOINTS_OPEN');
    await sign(mentor, trainee.id, C4, { signed: true });

    const early = await autonomy(mentor, trainee.id, true);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'COURSE_OPEN', message: 'C1–C5 must be signed first; open: C5' });
    expect((await sign(mentor, trainee.id, C5, { signed: true, note: 'Solo onboarding, one prompt' })).status).toBe(
      200,
    );

    const self = await autonomy(trainee, 'me', true);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_AUTONOMY');

    const marked = await autonomy(mentor, trainee.id, true);
    expect(marked.status, marked.text).toBe(200);
    expect(marked.body).toMatchObject({
      autonomous: true,
      summary: { tasksDone: 20, checkpointsSigned: 5, next: null },
    });
    expect(marked.body.autonomous_since).not.toBeNull();
    const me = await http.get('/api/v1/auth/me', { cookie: trainee.cookie });
    expect(me.body.user.autonomous).toBe(true);

    const list = await http.get(`/sys/operators?filter=${encodeURIComponent(JSON.stringify({ autonomous: true }))}`, {
      cookie: mentor.cookie,
    });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(/^operators 0-\d+\/\d+$/);
    expect(list.body.find((row: { id: string }) => row.id === trainee.id)).toMatchObject({
      autonomous: true,
      tasks_done: 20,
      checkpoints_signed: 5,
    });
    expect(list.body.find((row: { id: string }) => row.id === mentor.id)).toBeUndefined();

    const cleared = await autonomy(mentor, trainee.id, false);
    expect(cleared.body).toMatchObject({ autonomous: false, autonomous_since: null });
    expect((await http.get('/api/v1/auth/me', { cookie: trainee.cookie })).body.user.autonomous).toBe(false);
    const flags = await audits(trainee.id, 'operator_profile');
    expect(
      flags.map(
        (e: { entity_type: string; after: { autonomous: boolean } }) => `${e.entity_type}:${e.after.autonomous}`,
      ),
    ).toEqual(['operator_profile:true', 'operator_profile:false']);
  });

  it('should not know tenant users as operators, and keep the tracker from tenant users', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    expect((await http.get(`/sys/operators/${admin.id}/course`, { cookie: mentor.cookie })).status).toBe(404);
    expect((await tick(mentor, admin.id, week(1)[0], false)).status).toBe(404);
    expect((await autonomy(mentor, 'not-a-uuid', false)).status).toBe(404);
    const adminCookie = await http.login(admin.email, PASSWORD);
    expect((await http.get('/sys/operators/me/course', { cookie: adminCookie })).status).toBe(403);
    expect((await tick({ cookie: adminCookie }, 'me', week(1)[0], true)).status).toBe(403);
    const me = await http.get('/api/v1/auth/me', { cookie: adminCookie });
    expect(me.body.user.autonomous).toBe(false);
    expect((await http.get('/sys/operators')).status).toBe(401);
  });

  it('should serialise concurrent writes on one operator: the same first tick five times at once is five 200s', async () => {
    // Without the lock on the operator, parallel first ticks race to insert the same row (a 500).
    const other = await operator('Ola Other');
    const slug = week(1)[0];
    const results = await Promise.all(Array.from({ length: 5 }, () => tick(other, 'me', slug, true)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const signs = await Promise.all([
      sign(mentor, other.id, C1, { signed: false, note: 'a' }),
      sign(trainee, other.id, C1, { signed: false, note: 'b' }),
    ]);
    expect(signs.map((r) => r.status)).toEqual([200, 200]);
    const course = (await http.get<Course>('/sys/operators/me/course', { cookie: other.cookie })).body;
    expect(course.summary.tasksDone).toBe(1);
    expect(['a', 'b']).toContain(item(course, C1).note);
  });
});
