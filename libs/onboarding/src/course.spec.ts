import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autonomyProblem,
  COURSE_CHAPTERS,
  COURSE_CHECKPOINTS,
  COURSE_ITEMS,
  COURSE_README_SLUG,
  COURSE_TASKS,
  courseItem,
  courseSummary,
  CourseCheckpoint,
  MENTOR_GUIDE_SLUG,
  parseCourseDocs,
  ProgressRecord,
  rewriteCourseLinks,
  signOffProblem,
  tickProblem,
} from './course';

const DOCS = join(__dirname, '../../../docs/onboarding');
const documents = readdirSync(DOCS)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name, text: readFileSync(join(DOCS, name), 'utf8') }));
const pages = parseCourseDocs(documents);

const ticked = (slug: string): ProgressRecord => ({
  slug,
  doneAt: 1,
  signedOffById: null,
  signedOffAt: null,
  note: null,
});
const signed = (slug: string): ProgressRecord => ({
  slug,
  doneAt: null,
  signedOffById: 'mentor',
  signedOffAt: 2,
  note: 'ok',
});
const checkpoint = (slug: string) => courseItem(slug) as CourseCheckpoint;

describe('the course structure', () => {
  it('has 4 weekly chapters, 20 tasks (5 a week) and 5 checkpoints, with unique slugs', () => {
    expect(COURSE_CHAPTERS).toHaveLength(4);
    expect(COURSE_TASKS).toHaveLength(20);
    expect(COURSE_CHECKPOINTS).toHaveLength(5);
    for (const week of [1, 2, 3, 4]) expect(COURSE_TASKS.filter((task) => task.week === week)).toHaveLength(5);
    expect(new Set(COURSE_ITEMS.map((item) => item.slug)).size).toBe(25);
    expect(COURSE_TASKS.map((task) => task.code)).toEqual(Array.from({ length: 20 }, (_, i) => `T${i + 1}`));
  });

  it('C1–C4 need their week’s tasks and the checkpoint before; C5 needs C1–C4', () => {
    expect(checkpoint('c2-data-and-imports').needsTasks).toEqual(COURSE_TASKS.slice(5, 10).map((task) => task.slug));
    expect(COURSE_CHECKPOINTS.slice(0, 4).map((c) => c.needsCheckpoints)).toEqual([
      [],
      ['c1-foundations'],
      ['c2-data-and-imports'],
      ['c3-gate-and-integrations'],
    ]);
    expect(checkpoint('c5-solo-onboarding').needsCheckpoints).toEqual(
      COURSE_CHECKPOINTS.slice(0, 4).map((c) => c.slug),
    );
  });
});

describe('the course documents match the structure', () => {
  it('every chapter, task and checkpoint has a help page titled as in the structure', () => {
    const bySlug = new Map(pages.map((page) => [page.slug, page]));
    for (const chapter of COURSE_CHAPTERS) expect(bySlug.get(chapter.slug)?.title).toBe(chapter.title);
    for (const task of COURSE_TASKS) {
      const page = bySlug.get(task.slug);
      expect(page?.title, task.slug).toBe(`${task.code} — ${task.title}`);
      expect(page?.document).toBe(task.page);
    }
    for (const item of COURSE_CHECKPOINTS) {
      expect(bySlug.get(item.slug)?.title, item.slug).toMatch(
        new RegExp(`^(${item.code}|Checkpoint ${item.code.slice(1)}) — ${item.title}$`),
      );
    }
    expect(bySlug.get(MENTOR_GUIDE_SLUG)?.title).toBe('Mentor guide');
    expect(bySlug.get(COURSE_README_SLUG)?.title).toBe('Floor OS operator course');
  });

  it('no two pages share a slug, and the README table lists exactly the pages with a slug', () => {
    const slugs = pages.map((page) => page.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const readme = documents.find((doc) => doc.name === 'README.md')!.text;
    const table = readme.slice(readme.indexOf('## Chapters, tasks and checkpoints'), readme.indexOf('## The sandbox'));
    const listed = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual(slugs.filter((slug) => slug !== COURSE_README_SLUG).sort());
  });
});

describe('parseCourseDocs', () => {
  const doc = [
    '# Week 9 — Test',
    '',
    'Slug: `week-9` · Days 1–2',
    '',
    '## Key facts',
    'no slug here',
    '## T1 — First',
    '',
    'Slug: `t-first` · Day 1',
    'body of the first',
    '```sh',
    '## not a heading, inside code',
    '```',
    '## T2 — Second',
    'Slug: `t-second`',
    'body of the second',
  ].join('\n');

  it('cuts a document into its own page and one page per slugged section, ignoring headings in code', () => {
    const cut = parseCourseDocs([{ name: 'week-9.md', text: doc }]);
    expect(cut.map((page) => page.slug)).toEqual(['week-9', 't-first', 't-second']);
    expect(cut[1].markdown).toContain('## not a heading, inside code');
    expect(cut[1].markdown).not.toContain('Second');
    expect(cut[2]).toMatchObject({ title: 'T2 — Second', document: 'week-9', file: 'week-9.md' });
    expect(cut[0].markdown).toBe(doc);
  });

  it('skips documents without a slug line, except the README', () => {
    expect(parseCourseDocs([{ name: 'notes.md', text: '# Notes\n\nno slug' }])).toEqual([]);
    expect(parseCourseDocs([{ name: 'README.md', text: '# Course\n\nintro' }])[0].slug).toBe(COURSE_README_SLUG);
  });

  it('rewrites links between course files to help pages and leaves the others', () => {
    const out = rewriteCourseLinks(
      '[W1](week-1-foundations.md) [G](mentor-guide.md#after-autonomy) [X](https://example.com/a.md) [Y](unknown.md)',
      pages,
      '#/help/',
    );
    expect(out).toBe(
      '[W1](#/help/week-1-foundations) [G](#/help/mentor-guide) [X](https://example.com/a.md) [Y](unknown.md)',
    );
  });
});

describe('ticking tasks', () => {
  it('operators tick and untick their own; a mentor may only untick', () => {
    expect(tickProblem('op', 'op', true)).toBeNull();
    expect(tickProblem('op', 'op', false)).toBeNull();
    expect(tickProblem('mentor', 'op', false)).toBeNull();
    expect(tickProblem('mentor', 'op', true)?.code).toBe('NOT_YOUR_TASK');
  });
});

describe('signing checkpoints', () => {
  const c1 = checkpoint('c1-foundations');
  const c5 = checkpoint('c5-solo-onboarding');
  const week1 = c1.needsTasks.map(ticked);

  it('the operator never signs their own checkpoint, even with everything done', () => {
    expect(signOffProblem(week1, c1, 'op', 'op', true, null)?.code).toBe('SELF_SIGN_OFF');
    expect(signOffProblem(week1, c1, 'op', 'op', false, 'redo')?.code).toBe('SELF_SIGN_OFF');
  });

  it('C1 needs T1–T5 ticked and names the open ones', () => {
    const problem = signOffProblem(week1.slice(0, 3), c1, 'mentor', 'op', true, null);
    expect(problem).toMatchObject({ code: 'TASKS_OPEN', open: c1.needsTasks.slice(3) });
    expect(problem?.message).toBe('Tasks not ticked yet: T4, T5');
    expect(signOffProblem(week1, c1, 'mentor', 'op', true, null)).toBeNull();
  });

  it('signs C1–C4 in order: C2 waits for C1 even with its week’s tasks ticked', () => {
    const c2 = checkpoint('c2-data-and-imports');
    const week2 = c2.needsTasks.map(ticked);
    expect(signOffProblem(week2, c2, 'mentor', 'op', true, null)).toMatchObject({
      code: 'CHECKPOINTS_OPEN',
      open: ['c1-foundations'],
      message: 'Checkpoints not signed yet: C1',
    });
    expect(signOffProblem([...week2, signed(c1.slug)], c2, 'mentor', 'op', true, null)).toBeNull();
  });

  it('C5 needs C1–C4 signed', () => {
    const three = COURSE_CHECKPOINTS.slice(0, 3).map((c) => signed(c.slug));
    expect(signOffProblem(three, c5, 'mentor', 'op', true, null)).toMatchObject({
      code: 'CHECKPOINTS_OPEN',
      open: ['c4-go-live-and-operations'],
    });
    const four = COURSE_CHECKPOINTS.slice(0, 4).map((c) => signed(c.slug));
    expect(signOffProblem(four, c5, 'mentor', 'op', true, null)).toBeNull();
  });

  it('withdrawing a sign-off needs a note saying what to redo', () => {
    expect(signOffProblem([], c1, 'mentor', 'op', false, null)?.code).toBe('NOTE_REQUIRED');
    expect(signOffProblem([], c1, 'mentor', 'op', false, '  ')?.code).toBe('NOTE_REQUIRED');
    expect(signOffProblem([], c1, 'mentor', 'op', false, 'redo T3')).toBeNull();
  });
});

describe('autonomy', () => {
  const all = COURSE_CHECKPOINTS.map((c) => signed(c.slug));

  it('a mentor marks an operator autonomous only with C1–C5 signed', () => {
    expect(autonomyProblem(all, 'mentor', 'op', true)).toBeNull();
    expect(autonomyProblem(all.slice(0, 4), 'mentor', 'op', true)).toMatchObject({
      code: 'COURSE_OPEN',
      open: ['c5-solo-onboarding'],
    });
  });

  it('operators never set or clear it on themselves; a mentor may clear it any time', () => {
    expect(autonomyProblem(all, 'op', 'op', true)?.code).toBe('SELF_AUTONOMY');
    expect(autonomyProblem(all, 'op', 'op', false)?.code).toBe('SELF_AUTONOMY');
    expect(autonomyProblem([], 'mentor', 'op', false)).toBeNull();
  });
});

describe('courseSummary', () => {
  it('counts ticks and sign-offs and names the next item in course order', () => {
    expect(courseSummary([])).toEqual({
      tasksDone: 0,
      tasksTotal: 20,
      checkpointsSigned: 0,
      checkpointsTotal: 5,
      next: 't01-provision-sandbox-tenant',
    });
    const week1 = COURSE_TASKS.slice(0, 5).map((task) => ticked(task.slug));
    expect(courseSummary(week1).next).toBe('c1-foundations');
    const done = [
      ...COURSE_TASKS.map((task) => ticked(task.slug)),
      ...COURSE_CHECKPOINTS.slice(0, 4).map((c) => signed(c.slug)),
    ];
    expect(courseSummary(done)).toMatchObject({ tasksDone: 20, checkpointsSigned: 4, next: 'c5-solo-onboarding' });
    expect(courseSummary([...done, signed('c5-solo-onboarding')]).next).toBeNull();
  });

  it('an unticked record does not count', () => {
    expect(courseSummary([{ ...ticked('t01-provision-sandbox-tenant'), doneAt: null }]).tasksDone).toBe(0);
  });
});
