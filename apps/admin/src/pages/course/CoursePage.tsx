import { COURSE_CHAPTERS, COURSE_CHECKPOINTS } from '@floor-os/onboarding';
import { Alert, Box, Card, CardContent, Grid, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AccessDenied, CanAccess, Loading, Title, useLocation, useNavigate, useNotify } from 'react-admin';
import { messageOf, statusOf } from '../../providers/http';
import { useSession } from '../../providers/session';
import { retryServerErrors, usePanelData } from '../../providers/usePanelData';
import { COURSE_TRACKER_PATH, helpPage } from '../help/helpPages';
import { CourseHeader } from './CourseHeader';
import { WeekCard, type CourseActions } from './CourseItems';
import { OperatorPicker } from './OperatorPicker';
import type {
  CourseItemProgress,
  OperatorCourseView as OperatorCourse,
  OperatorRowView as OperatorRow,
} from '@floor-os/contracts';

/** The checkpoints after the last chapter (C5): a card of their own, titled by their help page. */
const FINAL = COURSE_CHECKPOINTS.filter((checkpoint) => checkpoint.week > COURSE_CHAPTERS.length).map((checkpoint) => {
  const page = helpPage(checkpoint.page);
  return {
    slug: checkpoint.page,
    week: checkpoint.week,
    title: page?.title ?? `Checkpoint ${checkpoint.code.slice(1)} — ${checkpoint.title}`,
    days: /Days (\d+[–-]\d+)/.exec(page?.markdown ?? '')?.[1] ?? '27–30',
  };
});

const rowOf = (course: OperatorCourse): OperatorRow => ({
  ...course.operator,
  autonomous: course.autonomous,
  tasks_done: course.summary.tasksDone,
  checkpoints_signed: course.summary.checkpointsSigned,
  next: course.summary.next,
});

/** One operator's course (`ref`: an id, or `me`), and every change a trainee or a mentor makes to it. */
const OperatorCourseView = ({
  operatorRef,
  onLoaded,
}: {
  operatorRef: string;
  onLoaded: (row: OperatorRow) => void;
}) => {
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const course = useQuery({
    queryKey: ['course', 'course', operatorRef],
    queryFn: () => dataProvider.getCourse(operatorRef),
    retry: retryServerErrors,
  });
  // The picker shows whose course this is, with its progress, as loaded or as changed.
  useEffect(() => {
    if (course.data) onLoaded(rowOf(course.data));
  }, [course.data, onLoaded]);

  // Every change answers the whole course; a refusal (403/409) is the API's message, and nothing changes.
  const change = async (key: string, send: () => Promise<OperatorCourse>, done: string) => {
    setBusy(key);
    try {
      const next = await send();
      queryClient.setQueryData(['course', 'course', operatorRef], next);
      // The operators' list (the picker, a mentor's trainees) shows the new progress.
      void queryClient.invalidateQueries({ queryKey: ['course', 'operators'] });
      notify(done, { type: 'info' });
    } catch (error) {
      notify(messageOf(error, 'The change could not be saved'), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  if (!course.data) {
    if (course.error) {
      return (
        <Alert severity="error" data-testid="course-error">
          {statusOf(course.error) === 404
            ? 'There is no platform operator with this id.'
            : `The course could not load: ${course.error.message}`}
        </Alert>
      );
    }
    return <Skeleton variant="rounded" height={360} />;
  }

  const data = course.data;
  const ref = data.is_self ? 'me' : data.operator.id;
  const whose = data.is_self ? '' : ` for ${data.operator.email}`;
  const actions: CourseActions = {
    self: data.is_self,
    operatorEmail: data.operator.email,
    busy,
    tick: (item: CourseItemProgress, done: boolean) =>
      change(
        item.slug,
        () => dataProvider.setCourseTaskDone(ref, item.slug, done),
        `${item.code} ${done ? 'ticked' : 'unticked'}${whose}`,
      ),
    sign: (item: CourseItemProgress, signed: boolean, note: string) =>
      change(
        item.slug,
        () => dataProvider.setCourseCheckpointSigned(ref, item.slug, signed, note),
        `${item.code} ${signed ? 'signed' : 'sign-off withdrawn'}${whose}`,
      ),
  };
  const onAutonomous = (autonomous: boolean) =>
    void change(
      'autonomous',
      () => dataProvider.setOperatorAutonomous(data.operator.id, autonomous),
      autonomous ? `${data.operator.email} is autonomous` : `${data.operator.email} is no longer autonomous`,
    );

  return (
    <Stack spacing={2} data-testid="course-view" data-operator={data.operator.id}>
      <CourseHeader course={data} busy={busy === 'autonomous'} onAutonomous={onAutonomous} />
      <Grid container spacing={2}>
        {COURSE_CHAPTERS.map((chapter) => (
          <Grid key={chapter.slug} size={{ xs: 12, lg: 6 }}>
            <WeekCard
              slug={chapter.slug}
              title={chapter.title}
              days={chapter.days}
              week={chapter.week}
              course={data}
              actions={actions}
            />
          </Grid>
        ))}
        {FINAL.map((card) => (
          <Grid key={card.slug} size={{ xs: 12, lg: 6 }}>
            <WeekCard
              slug={card.slug}
              title={card.title}
              days={card.days}
              week={card.week}
              course={data}
              actions={actions}
            />
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
};

/**
 * `/onboarding-progress` (SPEC O7): the operator course tracker. By default the signed-in operator's own
 * course, where they tick their tasks; `?operator=<id>` shows another operator's, and the page then acts
 * as that operator's mentor (sign checkpoints, untick, mark autonomous). Once the operator is autonomous the
 * sidebar's "Operator course" becomes "Mentoring" (`?mentoring`): it opens on the first operator still in
 * training; "My course" and the plain address still show the operator's own course, for reference.
 */
export const CoursePage = () => {
  const { search } = useLocation();
  const navigate = useNavigate();
  const { session } = useSession();
  const myId = session?.user.id;
  const query = new URLSearchParams(search);
  const mentoring = query.has('mentoring');
  const param = query.get('operator');
  const operatorRef = param && param !== myId ? param : 'me';
  const [shown, setShown] = useState<OperatorRow | null>(null);
  const picked = shown && (operatorRef === 'me' ? shown.id === myId : shown.id === operatorRef) ? shown : null;

  // A mentor comes here for a trainee: without a choice in the address, the first operator still in training.
  const dataProvider = usePanelData();
  const looking = mentoring && !param;
  // A key of its own: the picker's list of every operator must not count as this search's answer.
  const trainees = useQuery({
    queryKey: ['course', 'operators', 'trainees'],
    queryFn: () => dataProvider.searchOperators(''),
    enabled: looking,
  });
  const trainee = looking ? trainees.data?.rows.find((row) => !row.autonomous && row.id !== myId) : undefined;
  useEffect(() => {
    if (trainee) navigate(`${COURSE_TRACKER_PATH}?operator=${encodeURIComponent(trainee.id)}`, { replace: true });
  }, [trainee, navigate]);
  const choosing = mentoring && !param && (!trainees.data || !!trainee) && !trainees.error;

  const show = (operator: OperatorRow | null) => {
    if (!operator || operator.id === myId) navigate(COURSE_TRACKER_PATH);
    else navigate(`${COURSE_TRACKER_PATH}?operator=${encodeURIComponent(operator.id)}`);
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="course-page">
      <Title title="Operator course" />
      <Typography variant="h5" component="h1" gutterBottom>
        Operator course
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 860 }}>
        The 30-day course for new platform operators: twenty tasks the operator ticks, five checkpoints a mentor signs.
        Pick another operator to follow their course as their mentor.
      </Typography>
      <CanAccess resource="onboarding-progress" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
        <Stack spacing={2}>
          <Card variant="outlined">
            <CardContent sx={{ pb: '12px !important' }}>
              <OperatorPicker value={picked} myId={myId} onPick={show} onMine={() => show(null)} />
            </CardContent>
          </Card>
          {choosing ? (
            <Skeleton variant="rounded" height={360} />
          ) : (
            <OperatorCourseView key={operatorRef} operatorRef={operatorRef} onLoaded={setShown} />
          )}
        </Stack>
      </CanAccess>
    </Box>
  );
};
