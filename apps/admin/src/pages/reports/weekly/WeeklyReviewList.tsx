import type { WeeklyReviewSummary, WeeklyReviewView } from '@floor-os/contracts';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DataTable, FunctionField, List, useNavigate, useNotify } from 'react-admin';
import { sessionHas } from '../../../providers/access';
import { useSession } from '../../../providers/session';
import { ReportPage } from '../shared/ReportPage';
import { useReportsProvider } from '../shared/useReports';
import { DELIVERY_LABELS, formatInstant, formatLocalDate } from '../shared/words';

/** "2 sent, 1 failed" — the deliveries of a review in words. */
export function deliverySummary(review: Partial<Pick<WeeklyReviewView, 'deliveries'>>): string {
  if (!review.deliveries?.length) return 'Not emailed';
  const counts = new Map<string, number>();
  for (const delivery of review.deliveries) counts.set(delivery.status, (counts.get(delivery.status) ?? 0) + 1);
  return [...counts]
    .map(
      ([status, count]) =>
        `${count} ${DELIVERY_LABELS[status as keyof typeof DELIVERY_LABELS]?.toLowerCase() ?? status}`,
    )
    .join(', ');
}

/** A listed review; the list may carry each review's deliveries too. */
type ListedReview = WeeklyReviewSummary & Partial<Pick<WeeklyReviewView, 'deliveries'>>;

export const weekLabel = (weekStart: string) => `Week of ${formatLocalDate(weekStart)}`;

/** The Director generates the review of the last finished week now (the job does it every Monday 07:00). */
const GenerateLastWeek = () => {
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const generate = useMutation({
    mutationFn: () => provider.generateWeeklyReview({}),
    onSuccess: (review) => {
      void queryClient.invalidateQueries({ queryKey: ['reports/weekly-reviews'] });
      notify(`${weekLabel(review.week_start)} is ready`, { type: 'success' });
      navigate(`/weekly-review/${encodeURIComponent(review.id)}`);
    },
    onError: (error: Error) => notify(`Generating failed: ${error.message}`, { type: 'error' }),
  });
  return (
    <Button
      variant="contained"
      size="small"
      startIcon={<EventRepeatIcon />}
      onClick={() => generate.mutate()}
      disabled={generate.isPending}
      data-testid="weekly-generate"
    >
      Generate last week
    </Button>
  );
};

/** WeeklyReview (SPEC P2): the stored reviews, newest week first. */
export const WeeklyReviewList = () => {
  const { session } = useSession();
  const { timezone } = session?.tenant ?? {};
  return (
    <ReportPage
      title="Weekly review"
      permission="weekly_review.read"
      testId="weekly-list"
      actions={sessionHas(session, 'reports.sign') ? <GenerateLastWeek /> : null}
    >
      <List
        resource="reports/weekly-reviews"
        title={false}
        actions={false}
        disableSyncWithLocation
        storeKey={false}
        sort={{ field: 'week_start', order: 'DESC' }}
        perPage={25}
        empty={false}
      >
        <DataTable<ListedReview>
          bulkActionButtons={false}
          rowClick={(id) => `/weekly-review/${encodeURIComponent(String(id))}`}
          empty={
            <span style={{ padding: 16, display: 'block' }}>
              No review yet: the first one is stored on the Monday after the first full week.
            </span>
          }
        >
          <DataTable.Col source="week_start" label="Week">
            <FunctionField<ListedReview>
              render={(record) => <span data-testid="weekly-row">{weekLabel(record.week_start)}</span>}
            />
          </DataTable.Col>
          <DataTable.Col source="generated_at" label="Generated">
            <FunctionField<ListedReview> render={(record) => formatInstant(record.generated_at, timezone)} />
          </DataTable.Col>
          <DataTable.Col label="Gate calls" disableSort>
            <FunctionField<ListedReview>
              render={(record) => record.numbers.gate_calls.reduce((sum, row) => sum + row.calls, 0).toLocaleString()}
            />
          </DataTable.Col>
          <DataTable.Col label="Email" disableSort>
            <FunctionField<ListedReview> render={deliverySummary} />
          </DataTable.Col>
        </DataTable>
      </List>
    </ReportPage>
  );
};
