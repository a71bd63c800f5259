import { COURSE_README_SLUG, MENTOR_GUIDE_SLUG } from '@floor-os/onboarding';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { Link } from 'react-admin';
import { helpLabel, helpPath } from '../help/helpPages';
import { formatDay } from './format';
import type { OperatorCourseView as OperatorCourse } from '@floor-os/contracts';

const Progress = ({ label, done, total, testId }: { label: string; done: number; total: number; testId: string }) => (
  <Box sx={{ flex: 1, minWidth: 220 }}>
    <Stack direction="row" justifyContent="space-between" alignItems="baseline">
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid={testId}>
        {done} / {total}
      </Typography>
    </Stack>
    <LinearProgress
      variant="determinate"
      value={(done / Math.max(1, total)) * 100}
      color={done === total ? 'success' : 'primary'}
      sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
      aria-label={`${label}: ${done} of ${total}`}
    />
  </Box>
);

interface CourseHeaderProps {
  course: OperatorCourse;
  busy: boolean;
  onAutonomous: (autonomous: boolean) => void;
}

/** Whose course, how far it has come, what is next, and (for a mentor) the autonomy flag. */
export const CourseHeader = ({ course, busy, onAutonomous }: CourseHeaderProps) => {
  const { operator, summary, is_self: self } = course;
  const allSigned = summary.checkpointsSigned === summary.checkpointsTotal;
  return (
    <Card variant="outlined" data-testid="course-header" data-self={self}>
      <CardContent>
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          justifyContent="space-between"
          alignItems={{ md: 'flex-start' }}
        >
          <Box>
            <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
              <Typography variant="h5" component="h2" data-testid="course-operator-name">
                {operator.name}
              </Typography>
              <Chip
                size="small"
                variant="outlined"
                label={self ? 'your course' : 'you are the mentor'}
                color={self ? 'default' : 'primary'}
                data-testid="course-role"
              />
              {course.autonomous ? (
                <Chip
                  size="small"
                  color="success"
                  icon={<VerifiedIcon />}
                  label={
                    course.autonomous_since ? `autonomous since ${formatDay(course.autonomous_since)}` : 'autonomous'
                  }
                  data-testid="course-autonomous"
                />
              ) : null}
            </Stack>
            <Typography variant="body2" color="text.secondary" data-testid="course-operator-email">
              {operator.email}
            </Typography>
          </Box>
          {!self ? (
            <Stack alignItems={{ md: 'flex-end' }} spacing={0.5}>
              {course.autonomous ? (
                <Button
                  variant="outlined"
                  color="warning"
                  disabled={busy}
                  onClick={() => onAutonomous(false)}
                  data-testid="clear-autonomous"
                >
                  Clear autonomous
                </Button>
              ) : (
                <>
                  <Tooltip title={allSigned ? '' : 'C1–C5 must be signed first'}>
                    {/* A span: a disabled button gets no pointer events, and the tooltip needs them. */}
                    <span>
                      <Button
                        variant="contained"
                        color="success"
                        startIcon={<VerifiedIcon />}
                        disabled={busy || !allSigned}
                        onClick={() => onAutonomous(true)}
                        data-testid="mark-autonomous"
                      >
                        Mark autonomous
                      </Button>
                    </span>
                  </Tooltip>
                  {!allSigned ? (
                    <Typography variant="caption" color="text.secondary" data-testid="mark-autonomous-hint">
                      C1–C5 must be signed first
                    </Typography>
                  ) : null}
                </>
              )}
            </Stack>
          ) : null}
        </Stack>

        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3} sx={{ mt: 2.5, maxWidth: 760 }}>
          <Progress label="Tasks" done={summary.tasksDone} total={summary.tasksTotal} testId="course-tasks-done" />
          <Progress
            label="Checkpoints"
            done={summary.checkpointsSigned}
            total={summary.checkpointsTotal}
            testId="course-checkpoints-signed"
          />
        </Stack>

        <Typography variant="body2" sx={{ mt: 2 }} data-testid="course-next">
          {summary.next ? (
            <>
              Next:{' '}
              <MuiLink component={Link} to={helpPath(summary.next)} data-slug={summary.next}>
                {helpLabel(summary.next)}
              </MuiLink>
            </>
          ) : (
            'Every task is ticked and every checkpoint signed.'
          )}
        </Typography>
        {self && !course.autonomous ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="course-self-hint">
            Your mentor marks you autonomous once C1–C5 are signed; the course then leaves your sidebar.
          </Typography>
        ) : null}
        {self && course.autonomous ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            You are autonomous: the course has left your sidebar and stays here for reference.
          </Typography>
        ) : null}

        <Stack direction="row" spacing={1} sx={{ mt: 2 }} useFlexGap flexWrap="wrap">
          <Button
            size="small"
            component={Link}
            to={helpPath(COURSE_README_SLUG)}
            startIcon={<MenuBookIcon />}
            data-testid="course-readme-link"
          >
            Course README
          </Button>
          <Button
            size="small"
            component={Link}
            to={helpPath(MENTOR_GUIDE_SLUG)}
            startIcon={<MenuBookIcon />}
            data-testid="mentor-guide-link"
          >
            Mentor guide
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
