import type { ReviewActionView } from '@floor-os/contracts';
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNotify } from 'react-admin';
import { sessionHas } from '../../../providers/access';
import { useSession } from '../../../providers/session';
import { useReport, useReportsProvider } from '../shared/useReports';
import { formatLocalDate } from '../shared/words';

const MINUTES_MAX = 20_000;
const TITLE_MAX = 200;

/** The meeting's minutes, kept beside the frozen review (never inside its snapshot). */
export const ReviewMinutes = ({ reviewId, minutes }: { reviewId: string; minutes: string | null }) => {
  const { session } = useSession();
  const canEdit = sessionHas(session, 'weekly_review.minutes');
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [text, setText] = useState(minutes ?? '');
  useEffect(() => setText(minutes ?? ''), [minutes]);
  const save = useMutation({
    mutationFn: () => provider.saveReviewMinutes(reviewId, text),
    onSuccess: () => {
      notify('Minutes saved', { type: 'success' });
      void queryClient.invalidateQueries({ queryKey: ['reports', 'weekly-review', reviewId] });
    },
    onError: (error: Error) => notify(`Saving failed: ${error.message}`, { type: 'error' }),
  });
  return (
    <Card data-testid="review-minutes">
      <CardHeader
        title="Minutes"
        subheader="Kept beside the review; the review itself never changes."
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {canEdit ? (
          <Stack spacing={1}>
            <TextField
              multiline
              minRows={4}
              fullWidth
              value={text}
              placeholder="What the meeting noted and decided"
              onChange={(event) => setText(event.target.value.slice(0, MINUTES_MAX))}
              slotProps={{ htmlInput: { 'data-testid': 'review-minutes-text' } }}
            />
            <Box>
              <Button
                variant="contained"
                size="small"
                onClick={() => save.mutate()}
                disabled={save.isPending || text === (minutes ?? '')}
                data-testid="review-minutes-save"
              >
                Save minutes
              </Button>
            </Box>
          </Stack>
        ) : (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {minutes || 'No minutes yet.'}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

interface Owner {
  id: string;
  name: string;
}

/**
 * Who may own an action: the tenant's active users by name. Read through the users resource where the
 * persona may list users; otherwise the owners already named on the review and the signed-in user.
 */
function useOwners(actions: readonly ReviewActionView[] | undefined): Owner[] {
  const { session } = useSession();
  const provider = useReportsProvider();
  const canList = sessionHas(session, 'users.read');
  const { data } = useQuery({
    queryKey: ['users', 'getList', 'action-owners'],
    queryFn: () =>
      provider.getList('users', {
        pagination: { page: 1, perPage: 200 },
        sort: { field: 'name', order: 'ASC' },
        filter: {},
      }),
    enabled: canList,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const owners = new Map<string, string>();
  for (const user of data?.data ?? [])
    if (user.status !== 'disabled') owners.set(String(user.id), String(user.name || user.email));
  for (const action of actions ?? []) if (action.owner) owners.set(action.owner.id, action.owner.name);
  if (session?.user) owners.set(session.user.id, session.user.name || session.user.email);
  return [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

const AddAction = ({ reviewId, owners }: { reviewId: string; owners: Owner[] }) => {
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const add = useMutation({
    mutationFn: () =>
      provider.addReviewAction(reviewId, { title: title.trim(), owner_id: ownerId || null, due_date: dueDate || null }),
    onSuccess: () => {
      setTitle('');
      setOwnerId('');
      setDueDate('');
      notify('Action item added', { type: 'success' });
      void queryClient.invalidateQueries({ queryKey: ['reports', 'weekly-review-actions', reviewId] });
    },
  });
  return (
    <Stack
      direction={{ xs: 'column', md: 'row' }}
      spacing={1}
      alignItems={{ md: 'flex-start' }}
      sx={{ mt: 2 }}
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (title.trim()) add.mutate();
      }}
    >
      <TextField
        size="small"
        label="New action"
        value={title}
        onChange={(event) => setTitle(event.target.value.slice(0, TITLE_MAX))}
        sx={{ flex: 2, minWidth: 260 }}
        slotProps={{ htmlInput: { 'data-testid': 'action-title' } }}
      />
      <TextField
        size="small"
        select
        label="Owner"
        value={ownerId}
        onChange={(event) => setOwnerId(event.target.value)}
        sx={{ flex: 1, minWidth: 180 }}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'action-owner' } as Record<string, string> } }}
      >
        <MenuItem value="">
          <em>Nobody yet</em>
        </MenuItem>
        {owners.map((owner) => (
          <MenuItem key={owner.id} value={owner.id}>
            {owner.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        type="date"
        label="Due"
        sx={{ width: 170 }}
        value={dueDate}
        onChange={(event) => setDueDate(event.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'action-due' } }}
      />
      <Button
        type="submit"
        variant="contained"
        startIcon={<AddIcon />}
        disabled={!title.trim() || add.isPending}
        data-testid="action-add"
      >
        Add
      </Button>
      {add.error ? <Alert severity="error">{add.error.message}</Alert> : null}
    </Stack>
  );
};

/** The meeting's action items: owner, due date, done; open ones from earlier weeks are carried forward. */
export const ReviewActions = ({ reviewId }: { reviewId: string }) => {
  const { session } = useSession();
  const canEdit = sessionHas(session, 'weekly_review.minutes');
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data: actions, error } = useReport(['weekly-review-actions', reviewId], (p) => p.getReviewActions(reviewId));
  const owners = useOwners(actions);
  const toggle = useMutation({
    mutationFn: (action: ReviewActionView) => provider.updateReviewAction(reviewId, action.id, { done: !action.done }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports', 'weekly-review-actions', reviewId] }),
    onError: (failure: Error) => notify(`Saving failed: ${failure.message}`, { type: 'error' }),
  });
  return (
    <Card data-testid="review-actions">
      <CardHeader title="Action items" slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        {error ? <Alert severity="error">Action items could not load: {error.message}</Alert> : null}
        {actions?.length ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">Done</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Due</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {actions.map((action) => (
                <TableRow key={action.id} data-testid="action-row">
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={action.done}
                      disabled={!canEdit || toggle.isPending}
                      onChange={() => toggle.mutate(action)}
                      slotProps={{ input: { 'aria-label': `Done: ${action.title}` } }}
                    />
                  </TableCell>
                  <TableCell sx={action.done ? { textDecoration: 'line-through', color: 'text.secondary' } : undefined}>
                    {action.title}
                    {action.carried_from ? (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {/^\d{4}-\d{2}-\d{2}$/.test(action.carried_from)
                          ? `Carried over from the week of ${formatLocalDate(action.carried_from)}`
                          : 'Carried over from an earlier week'}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>{action.owner?.name ?? '—'}</TableCell>
                  <TableCell>{formatLocalDate(action.due_date)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : actions ? (
          <Typography variant="body2">No action items yet.</Typography>
        ) : null}
        {canEdit ? <AddAction reviewId={reviewId} owners={owners} /> : null}
      </CardContent>
    </Card>
  );
};
