import { COURSE_CHECKPOINTS } from '@floor-os/onboarding';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  Divider,
  Link as MuiLink,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-admin';
import { helpPath } from '../help/helpPages';
import { ConfirmDialog, NoteDialog } from './CourseDialogs';
import { formatDay } from './format';
import type { CourseItemProgress, OperatorCourseView as OperatorCourse } from '@floor-os/contracts';

/** What the rows need from the page: who looks, what is in flight, and the three changes. */
export interface CourseActions {
  self: boolean;
  operatorEmail: string;
  /** The slug whose change is in flight, if any. */
  busy: string | null;
  tick: (item: CourseItemProgress, done: boolean) => Promise<void>;
  sign: (item: CourseItemProgress, signed: boolean, note: string) => Promise<void>;
}

const Code = ({ children }: { children: ReactNode }) => (
  <Box
    component="span"
    sx={{ fontFamily: 'monospace', fontWeight: 600, color: 'text.secondary', minWidth: 32, display: 'inline-block' }}
  >
    {children}
  </Box>
);

const ItemLink = ({ item }: { item: CourseItemProgress }) => (
  <MuiLink component={Link} to={helpPath(item.slug)} underline="hover" data-testid={`help-link-${item.slug}`}>
    {item.title}
  </MuiLink>
);

/** One task: a checkbox the operator ticks; a mentor may only untick (after confirming). */
export const TaskRow = ({ item, actions }: { item: CourseItemProgress; actions: CourseActions }) => {
  const [confirming, setConfirming] = useState(false);
  const done = item.done_at !== null;
  const busy = actions.busy === item.slug;
  // A mentor never ticks for the operator: an open task is out of their hands.
  const locked = !actions.self && !done;
  const box = (
    <Checkbox
      checked={done}
      disabled={busy || locked}
      onChange={(event) => (actions.self ? void actions.tick(item, event.target.checked) : setConfirming(true))}
      size="small"
      slotProps={{ input: { 'aria-label': `${item.code} done` } }}
    />
  );
  return (
    <Stack
      direction="row"
      alignItems="center"
      spacing={1}
      sx={{ py: 0.25 }}
      data-testid={`task-${item.slug}`}
      data-done={done}
    >
      {locked ? (
        <Tooltip title="Only the operator ticks their own tasks">
          <span>{box}</span>
        </Tooltip>
      ) : (
        box
      )}
      <Typography variant="body2" component="div" sx={{ flex: 1, minWidth: 0 }}>
        <Code>{item.code}</Code> <ItemLink item={item} />
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ whiteSpace: 'nowrap' }}
        data-testid={`task-done-at-${item.slug}`}
      >
        {done ? `ticked ${formatDay(item.done_at)}` : ''}
      </Typography>
      <ConfirmDialog
        open={confirming}
        title={`Untick ${item.code}?`}
        text={`${item.code} — ${item.title} goes back to open for ${actions.operatorEmail}. Do it when the evidence does not hold up; the operator ticks it again once it is redone.`}
        confirmLabel="Untick"
        busy={busy}
        testId="untick"
        onClose={() => setConfirming(false)}
        onConfirm={() => void actions.tick(item, false).finally(() => setConfirming(false))}
      />
    </Stack>
  );
};

/** What a checkpoint waits for, from the items' state: "T2, T4 not ticked" or null when it may be signed. */
function openRequirements(item: CourseItemProgress, items: readonly CourseItemProgress[]): string | null {
  const checkpoint = COURSE_CHECKPOINTS.find((candidate) => candidate.slug === item.slug);
  if (!checkpoint) return null;
  const bySlug = new Map(items.map((other) => [other.slug, other]));
  const tasks = checkpoint.needsTasks
    .filter((slug) => !bySlug.get(slug)?.done_at)
    .map((slug) => bySlug.get(slug)?.code ?? slug);
  const checkpoints = checkpoint.needsCheckpoints
    .filter((slug) => !bySlug.get(slug)?.signed_off_at)
    .map((slug) => bySlug.get(slug)?.code ?? slug);
  const parts = [
    tasks.length ? `${tasks.join(', ')} not ticked` : '',
    checkpoints.length ? `${checkpoints.join(', ')} not signed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

/** One checkpoint: who signed it and when, or open (with the redo note of a withdrawal); a mentor signs or withdraws. */
export const CheckpointRow = ({
  item,
  items,
  actions,
}: {
  item: CourseItemProgress;
  items: readonly CourseItemProgress[];
  actions: CourseActions;
}) => {
  const [dialog, setDialog] = useState<'sign' | 'withdraw' | null>(null);
  const signed = item.signed_off_at !== null;
  const busy = actions.busy === item.slug;
  const waiting = signed ? null : openRequirements(item, items);
  const close = () => setDialog(null);

  return (
    <Box data-testid={`checkpoint-${item.slug}`} data-signed={signed} sx={{ py: 0.5 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'flex-start' }}>
        <Box sx={{ pt: 0.25, display: 'flex' }}>
          {signed ? (
            <CheckCircleIcon color="success" fontSize="small" />
          ) : (
            <RadioButtonUncheckedIcon color="disabled" fontSize="small" />
          )}
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2" component="div" sx={{ fontWeight: 500 }}>
            <Code>{item.code}</Code> Checkpoint: <ItemLink item={item} />
          </Typography>
          <Typography
            variant="body2"
            data-testid={`checkpoint-status-${item.slug}`}
            sx={{ color: signed ? 'success.dark' : 'text.secondary' }}
          >
            {signed
              ? `Signed by ${item.signed_off_by?.email ?? 'a mentor'} on ${formatDay(item.signed_off_at)}`
              : 'Open'}
            {!signed && waiting ? ` · waiting for ${waiting}` : ''}
          </Typography>
          {item.note ? (
            signed ? (
              <Typography
                variant="body2"
                color="text.secondary"
                sx={{ fontStyle: 'italic', mt: 0.25 }}
                data-testid={`checkpoint-note-${item.slug}`}
              >
                “{item.note}”
              </Typography>
            ) : (
              <Alert
                severity="warning"
                variant="outlined"
                sx={{ mt: 0.5, py: 0 }}
                data-testid={`checkpoint-note-${item.slug}`}
              >
                Redo: {item.note}
              </Alert>
            )
          ) : null}
        </Box>
        <Box sx={{ flexShrink: 0 }}>
          {actions.self ? (
            signed ? null : (
              <Typography variant="caption" color="text.secondary">
                Your mentor signs this checkpoint
              </Typography>
            )
          ) : signed ? (
            <Button
              size="small"
              variant="outlined"
              color="warning"
              disabled={busy}
              onClick={() => setDialog('withdraw')}
              data-testid={`withdraw-${item.slug}`}
            >
              Withdraw
            </Button>
          ) : (
            <Button
              size="small"
              variant="contained"
              disabled={busy}
              onClick={() => setDialog('sign')}
              data-testid={`signoff-${item.slug}`}
            >
              Sign off
            </Button>
          )}
        </Box>
      </Stack>
      <NoteDialog
        open={dialog === 'sign'}
        title={`Sign off ${item.code} — ${item.title}`}
        text={`You sign ${item.code} for ${actions.operatorEmail} as their mentor. Add what you saw, if it helps them later.`}
        label="Note (optional)"
        confirmLabel="Sign off"
        required={false}
        busy={busy}
        testId="signoff"
        onClose={close}
        onConfirm={(note) => void actions.sign(item, true, note).finally(close)}
      />
      <NoteDialog
        open={dialog === 'withdraw'}
        title={`Withdraw the sign-off of ${item.code}`}
        text={`${item.code} goes back to open for ${actions.operatorEmail}. Say what to redo: they see it on their tracker.`}
        label="What to redo"
        confirmLabel="Withdraw"
        required
        busy={busy}
        testId="withdraw"
        onClose={close}
        onConfirm={(note) => void actions.sign(item, false, note).finally(close)}
      />
    </Box>
  );
};

interface WeekCardProps {
  slug: string;
  title: string;
  days: string;
  course: OperatorCourse;
  week: number;
  actions: CourseActions;
}

/** A chapter of the course: its five tasks and its checkpoint (C5, with no tasks, gets a card of its own). */
export const WeekCard = ({ slug, title, days, course, week, actions }: WeekCardProps) => {
  const tasks = course.items.filter((item) => item.kind === 'task' && item.week === week);
  const checkpoints = course.items.filter((item) => item.kind === 'checkpoint' && item.week === week);
  const ticked = tasks.filter((task) => task.done_at !== null).length;
  return (
    <Card variant="outlined" data-testid={`course-week-${week}`} sx={{ height: '100%' }}>
      <CardContent>
        <Stack
          direction="row"
          spacing={1}
          alignItems="baseline"
          justifyContent="space-between"
          useFlexGap
          flexWrap="wrap"
        >
          <Typography variant="h6" component="h3">
            <MuiLink
              component={Link}
              to={helpPath(slug)}
              underline="hover"
              color="inherit"
              data-testid={`chapter-link-${slug}`}
            >
              {title}
            </MuiLink>
          </Typography>
          <Stack direction="row" spacing={1} alignItems="center">
            <Typography variant="body2" color="text.secondary">
              Days {days}
            </Typography>
            {tasks.length ? (
              <Chip
                size="small"
                variant="outlined"
                color={ticked === tasks.length ? 'success' : 'default'}
                label={`${ticked} of ${tasks.length} ticked`}
              />
            ) : null}
          </Stack>
        </Stack>
        {tasks.length ? (
          <Box sx={{ mt: 1 }}>
            {tasks.map((task) => (
              <TaskRow key={task.slug} item={task} actions={actions} />
            ))}
          </Box>
        ) : null}
        {checkpoints.length ? (
          <>
            {tasks.length ? <Divider sx={{ my: 1 }} /> : null}
            <Box sx={{ mt: tasks.length ? 0 : 1 }}>
              {checkpoints.map((checkpoint) => (
                <CheckpointRow key={checkpoint.slug} item={checkpoint} items={course.items} actions={actions} />
              ))}
            </Box>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
};
