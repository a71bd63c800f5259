import { addDays } from '@floor-os/reports';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useParams } from 'react-admin';
import { reportFileUrl } from '../../../providers/reportsProvider';
import { DownloadButton } from '../shared/DownloadButton';
import { Fingerprint } from '../shared/Fingerprint';
import { ReportError, ReportPage } from '../shared/ReportPage';
import { useReport } from '../shared/useReports';
import { DELIVERY_LABELS, formatInstant, formatLocalDate, zoneLabel } from '../shared/words';
import { ReviewCharts } from './ReviewCharts';
import { ReviewActions, ReviewMinutes } from './ReviewMeeting';
import { weekLabel } from './WeeklyReviewList';

/** One stored WeeklyReview (SPEC P2): its frozen numbers as charts, its PDF and fingerprint, and the meeting beside it. */
export const WeeklyReviewPage = () => {
  const { id = '' } = useParams<{ id: string }>();
  const {
    data: review,
    error,
    isPending,
  } = useReport(['weekly-review', id], (provider) => provider.getWeeklyReview(id), !!id);
  const timezone = review?.numbers.timezone;
  return (
    <ReportPage
      title={review ? weekLabel(review.week_start) : 'Weekly review'}
      permission="weekly_review.read"
      testId="weekly-review"
      actions={
        <>
          <Button component={Link} to="/weekly-review" size="small" startIcon={<ArrowBackIcon />}>
            All reviews
          </Button>
          {review ? (
            <DownloadButton href={reportFileUrl.weeklyReviewPdf(review.id)} testId="review-pdf">
              Download PDF
            </DownloadButton>
          ) : null}
        </>
      }
    >
      <ReportError what="The weekly review" error={error} />
      {isPending ? <Skeleton variant="rounded" height={400} /> : null}
      {review ? (
        <Stack spacing={2}>
          <Card>
            <CardContent>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} justifyContent="space-between">
                <div>
                  <Typography variant="body1">
                    {formatLocalDate(review.week_start)} to {formatLocalDate(addDays(review.week_start, 6))}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    Generated {formatInstant(review.generated_at, timezone)} · times in{' '}
                    {zoneLabel(review.numbers.timezone)}
                  </Typography>
                </div>
                <Fingerprint sha256={review.sha256} testId="review-sha256" />
              </Stack>
            </CardContent>
          </Card>
          <ReviewCharts numbers={review.numbers} />
          <ReviewMinutes reviewId={review.id} minutes={review.minutes} />
          <ReviewActions reviewId={review.id} />
          <Card data-testid="review-deliveries">
            <CardHeader
              title="Email"
              subheader="Sent with the PDF to the Compliance Directors and Executives"
              slotProps={{ title: { variant: 'h6' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              {review.deliveries.length ? (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>Recipient</TableCell>
                      <TableCell>Status</TableCell>
                      <TableCell>Attempts</TableCell>
                      <TableCell>Sent</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {review.deliveries.map((delivery) => (
                      <TableRow key={delivery.recipient}>
                        <TableCell>{delivery.recipient}</TableCell>
                        <TableCell>
                          {DELIVERY_LABELS[delivery.status] ?? delivery.status}
                          {delivery.error ? (
                            <Typography variant="caption" color="error" component="div">
                              {delivery.error}
                            </Typography>
                          ) : null}
                        </TableCell>
                        <TableCell>{delivery.attempts}</TableCell>
                        <TableCell>{formatInstant(delivery.sent_at, timezone)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : (
                <Alert severity="info">
                  Not emailed: no mail server is configured, or the tenant has no Compliance Director or Executive.
                </Alert>
              )}
            </CardContent>
          </Card>
        </Stack>
      ) : null}
    </ReportPage>
  );
};
