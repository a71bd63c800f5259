/**
 * The operator course (SPEC O7): its structure as data, the rules of the progress tracker, and a parser
 * that cuts the course's Markdown (`docs/onboarding/`) into the pages `/help/<slug>` shows. Pure, no I/O.
 *
 * Rules of the tracker (decided here, in line with the course's README and mentor guide):
 * - Progress is kept per operator: a tick per task, a mentor sign-off per checkpoint.
 * - Operators tick and untick their own tasks; a mentor (another operator) may untick a trainee's task
 *   whose evidence does not hold up, but never ticks it for them.
 * - Only a mentor signs a checkpoint, never the operator it is about. C1–C4 need the week's five tasks
 *   ticked and are signed in order (C2 after C1, C3 after C2, C4 after C3); C5 needs C1–C4 signed. A sign-off keeps who signed, when, and a note. Withdrawing a sign-off
 *   is allowed (a redo) and needs a note saying what to redo.
 * - `autonomous` is a flag on the operator's profile (SPEC decided detail 20). A mentor sets it once
 *   C1–C5 are signed; a mentor may clear it again. Operators never set it on themselves. While it is set,
 *   the tracker leaves the operator's sidebar.
 */

export interface CourseTask {
  kind: 'task';
  slug: string;
  /** T1 … T20. */
  code: string;
  title: string;
  week: number;
  /** The chapter page the task lives in. */
  page: string;
}

export interface CourseCheckpoint {
  kind: 'checkpoint';
  slug: string;
  /** C1 … C5. */
  code: string;
  title: string;
  week: number;
  page: string;
  /** Task slugs that must be ticked before a mentor signs. */
  needsTasks: readonly string[];
  /** Checkpoint slugs that must be signed before a mentor signs. */
  needsCheckpoints: readonly string[];
}

export type CourseItem = CourseTask | CourseCheckpoint;

export interface CourseChapter {
  slug: string;
  title: string;
  week: number;
  /** Day range in the 30-day programme. */
  days: string;
}

export const COURSE_README_SLUG = 'operator-course';
export const MENTOR_GUIDE_SLUG = 'mentor-guide';

export const COURSE_CHAPTERS: readonly CourseChapter[] = [
  { slug: 'week-1-foundations', title: 'Week 1 — Foundations', week: 1, days: '1–7' },
  { slug: 'week-2-data-and-imports', title: 'Week 2 — Data and imports', week: 2, days: '8–14' },
  { slug: 'week-3-gate-and-integrations', title: 'Week 3 — Gate and integrations', week: 3, days: '15–21' },
  { slug: 'week-4-go-live-and-operations', title: 'Week 4 — Go-live and operations', week: 4, days: '22–26' },
];

const TASK_TITLES: ReadonlyArray<readonly [string, string]> = [
  ['t01-provision-sandbox-tenant', 'Provision your sandbox tenant'],
  ['t02-accept-the-invitation', 'The one-time invitation link'],
  ['t03-tour-the-personas', 'The persona catalogue: who sees what'],
  ['t04-invite-the-starter-set', 'Invite the pilot starter set'],
  ['t05-operator-context-and-isolation', "The operator's tenant context, isolation and the audit log"],
  ['t06-api-key-lifecycle', 'API keys: generate, use, rotate, revoke'],
  ['t07-first-portfolio-import', 'First portfolio import through the wizard'],
  ['t08-intake-report-and-rejected-rows', 'The intake report and rejected rows'],
  ['t09-reimport-and-flag-sources', 'Re-imports and compliance flag sources (decided detail 7)'],
  ['t10-imports-by-api-and-formats', "Imports by API, the operator's door, other formats"],
  ['t11-first-gate-calls', 'First gate calls and audit ids'],
  ['t12-shadow-enforce-fail-closed', 'Shadow, enforce and fail closed'],
  ['t13-vendor-card-and-generic-webhook', 'Inventory, vendor card and the generic webhook'],
  ['t14-twilio-five9-convoso', 'Twilio, Five9 and Convoso deliveries'],
  ['t15-deep-links-and-queues', 'Deep links, agent actions and queues'],
  ['t16-onboarding-workbench', 'The onboarding workbench: checklists and step statuses'],
  ['t17-tenant-health-check', 'The tenant health check and its three probes'],
  ['t18-go-no-go-and-enforce', 'Go/no-go and the switch to enforce'],
  ['t19-rollback-to-shadow', 'Rollback to shadow'],
  ['t20-morning-board-and-day-30-readout', 'The morning board, the Day 30 readout and the hand-off'],
];

export const COURSE_TASKS: readonly CourseTask[] = TASK_TITLES.map(([slug, title], index) => ({
  kind: 'task',
  slug,
  code: `T${index + 1}`,
  title,
  week: Math.floor(index / 5) + 1,
  page: COURSE_CHAPTERS[Math.floor(index / 5)].slug,
}));

const tasksOfWeek = (week: number) => COURSE_TASKS.filter((task) => task.week === week).map((task) => task.slug);

export const COURSE_CHECKPOINTS: readonly CourseCheckpoint[] = [
  {
    kind: 'checkpoint',
    slug: 'c1-foundations',
    code: 'C1',
    title: 'Foundations',
    week: 1,
    page: 'week-1-foundations',
    needsTasks: tasksOfWeek(1),
    needsCheckpoints: [],
  },
  {
    kind: 'checkpoint',
    slug: 'c2-data-and-imports',
    code: 'C2',
    title: 'Data and imports',
    week: 2,
    page: 'week-2-data-and-imports',
    needsTasks: tasksOfWeek(2),
    needsCheckpoints: ['c1-foundations'],
  },
  {
    kind: 'checkpoint',
    slug: 'c3-gate-and-integrations',
    code: 'C3',
    title: 'Gate and integrations',
    week: 3,
    page: 'week-3-gate-and-integrations',
    needsTasks: tasksOfWeek(3),
    needsCheckpoints: ['c2-data-and-imports'],
  },
  {
    kind: 'checkpoint',
    slug: 'c4-go-live-and-operations',
    code: 'C4',
    title: 'Go-live and operations',
    week: 4,
    page: 'week-4-go-live-and-operations',
    needsTasks: tasksOfWeek(4),
    needsCheckpoints: ['c3-gate-and-integrations'],
  },
  {
    kind: 'checkpoint',
    slug: 'c5-solo-onboarding',
    code: 'C5',
    title: 'Solo onboarding',
    week: 5,
    page: 'c5-solo-onboarding',
    needsTasks: [],
    needsCheckpoints: [
      'c1-foundations',
      'c2-data-and-imports',
      'c3-gate-and-integrations',
      'c4-go-live-and-operations',
    ],
  },
];

export const COURSE_ITEMS: readonly CourseItem[] = [...COURSE_TASKS, ...COURSE_CHECKPOINTS];

export function courseItem(slug: string): CourseItem | undefined {
  return COURSE_ITEMS.find((item) => item.slug === slug);
}

/** One operator's recorded progress on one item (absent = untouched). */
export interface ProgressRecord {
  slug: string;
  /** Task ticked at (ms); null when unticked. */
  doneAt: number | null;
  signedOffById: string | null;
  signedOffAt: number | null;
  note: string | null;
}

export interface CourseProblem {
  code:
    | 'NOT_YOUR_TASK'
    | 'SELF_SIGN_OFF'
    | 'TASKS_OPEN'
    | 'CHECKPOINTS_OPEN'
    | 'NOTE_REQUIRED'
    | 'SELF_AUTONOMY'
    | 'COURSE_OPEN';
  message: string;
  /** What is still open, when that is the reason. */
  open?: string[];
}

const byslug = (records: readonly ProgressRecord[]) => new Map(records.map((record) => [record.slug, record]));

export const isTicked = (records: readonly ProgressRecord[], slug: string) => byslug(records).get(slug)?.doneAt != null;
export const isSigned = (records: readonly ProgressRecord[], slug: string) =>
  byslug(records).get(slug)?.signedOffAt != null;

/** Whether `actorId` may set the tick of `traineeId`'s task to `done`. */
export function tickProblem(actorId: string, traineeId: string, done: boolean): CourseProblem | null {
  if (actorId === traineeId || !done) return null;
  return {
    code: 'NOT_YOUR_TASK',
    message: 'Operators tick their own tasks; a mentor may only untick one whose evidence does not hold up',
  };
}

/** Why `mentorId` may not sign (or withdraw) `checkpoint` for `traineeId`, or null when it may. */
export function signOffProblem(
  records: readonly ProgressRecord[],
  checkpoint: CourseCheckpoint,
  mentorId: string,
  traineeId: string,
  signed: boolean,
  note: string | null,
): CourseProblem | null {
  if (mentorId === traineeId) {
    return { code: 'SELF_SIGN_OFF', message: 'A checkpoint is signed by a mentor, not by the operator it is about' };
  }
  if (!signed) {
    return note && note.trim()
      ? null
      : { code: 'NOTE_REQUIRED', message: 'Say what to redo when a sign-off is withdrawn' };
  }
  const tasksOpen = checkpoint.needsTasks.filter((slug) => !isTicked(records, slug));
  if (tasksOpen.length) {
    return {
      code: 'TASKS_OPEN',
      message: `Tasks not ticked yet: ${tasksOpen.map(codeOf).join(', ')}`,
      open: tasksOpen,
    };
  }
  const checkpointsOpen = checkpoint.needsCheckpoints.filter((slug) => !isSigned(records, slug));
  if (checkpointsOpen.length) {
    return {
      code: 'CHECKPOINTS_OPEN',
      message: `Checkpoints not signed yet: ${checkpointsOpen.map(codeOf).join(', ')}`,
      open: checkpointsOpen,
    };
  }
  return null;
}

/** Why `actorId` may not set `traineeId`'s autonomous flag to `autonomous`, or null when it may. */
export function autonomyProblem(
  records: readonly ProgressRecord[],
  actorId: string,
  traineeId: string,
  autonomous: boolean,
): CourseProblem | null {
  if (actorId === traineeId) {
    return { code: 'SELF_AUTONOMY', message: 'A mentor marks an operator autonomous, not the operator themselves' };
  }
  if (!autonomous) return null;
  const open = COURSE_CHECKPOINTS.filter((checkpoint) => !isSigned(records, checkpoint.slug)).map(
    (checkpoint) => checkpoint.slug,
  );
  return open.length
    ? { code: 'COURSE_OPEN', message: `C1–C5 must be signed first; open: ${open.map(codeOf).join(', ')}`, open }
    : null;
}

export interface CourseSummary {
  tasksDone: number;
  tasksTotal: number;
  checkpointsSigned: number;
  checkpointsTotal: number;
  /** The first task not ticked or checkpoint not signed, in course order (tasks of a week, then its checkpoint). */
  next: string | null;
}

export function courseSummary(records: readonly ProgressRecord[]): CourseSummary {
  const order: CourseItem[] = [];
  for (const chapter of COURSE_CHAPTERS) {
    order.push(...COURSE_TASKS.filter((task) => task.week === chapter.week));
    order.push(...COURSE_CHECKPOINTS.filter((checkpoint) => checkpoint.week === chapter.week));
  }
  order.push(...COURSE_CHECKPOINTS.filter((checkpoint) => checkpoint.week > COURSE_CHAPTERS.length));
  const finished = (item: CourseItem) =>
    item.kind === 'task' ? isTicked(records, item.slug) : isSigned(records, item.slug);
  return {
    tasksDone: COURSE_TASKS.filter(finished).length,
    tasksTotal: COURSE_TASKS.length,
    checkpointsSigned: COURSE_CHECKPOINTS.filter(finished).length,
    checkpointsTotal: COURSE_CHECKPOINTS.length,
    next: order.find((item) => !finished(item))?.slug ?? null,
  };
}

function codeOf(slug: string): string {
  return courseItem(slug)?.code ?? slug;
}

/** A page of help: a whole course document, or one task or checkpoint section of a chapter. */
export interface HelpPage {
  slug: string;
  title: string;
  markdown: string;
  /** The document's own slug (equal to `slug` for whole documents). */
  document: string;
  /** The document's file name, e.g. `week-1-foundations.md`. */
  file: string;
}

const SLUG_LINE = /^Slug: `([a-z0-9-]+)`/;

/**
 * Cuts course documents into help pages. A document's slug is the `Slug: \`…\`` line right under its
 * title (the course README has none and gets `operator-course`); every `## ` section whose first line is
 * a slug line becomes a page of its own. Headings inside fenced code blocks are ignored.
 */
export function parseCourseDocs(documents: ReadonlyArray<{ name: string; text: string }>): HelpPage[] {
  const pages: HelpPage[] = [];
  for (const { name, text } of documents) {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    const title = (lines.find((line) => line.startsWith('# ')) ?? name).replace(/^# /, '').trim();
    const docSlug = firstSlug(lines.slice(0, 6)) ?? (/^readme\.md$/i.test(name) ? COURSE_README_SLUG : null);
    if (!docSlug) continue;
    pages.push({ slug: docSlug, title, markdown: text, document: docSlug, file: name });

    let fenced = false;
    let current: { slug: string | null; title: string; start: number } | null = null;
    const close = (end: number) => {
      if (current?.slug) {
        pages.push({
          slug: current.slug,
          title: current.title,
          markdown: lines.slice(current.start, end).join('\n').trimEnd() + '\n',
          document: docSlug,
          file: name,
        });
      }
    };
    lines.forEach((line, index) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced || !line.startsWith('## ')) return;
      close(index);
      const sectionSlug = firstSlug(lines.slice(index + 1, index + 4));
      current = { slug: sectionSlug, title: line.replace(/^## /, '').trim(), start: index };
    });
    close(lines.length);
  }
  return pages;
}

function firstSlug(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = SLUG_LINE.exec(line);
    if (match) return match[1];
  }
  return null;
}

/**
 * Points the course's links between its own files (`[Week 1](week-1-foundations.md#t1--…)`) at their help
 * pages: `<prefix><slug>`. Other links are left as they are.
 */
export function rewriteCourseLinks(markdown: string, pages: readonly HelpPage[], prefix: string): string {
  const byFile = new Map(pages.filter((page) => page.slug === page.document).map((page) => [page.file, page.slug]));
  return markdown.replace(/\]\(([a-z0-9-]+\.md|README\.md)(#[^)]*)?\)/gi, (whole, file: string) => {
    const slug = byFile.get(file);
    return slug ? `](${prefix}${slug})` : whole;
  });
}
