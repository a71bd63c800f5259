import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import type { TenantView } from '@floor-os/contracts';
import { Autocomplete, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNavigate } from 'react-admin';
import { useDebounced } from '../../components/useDebounced';
import { checklistPagePath } from './onboardingKeys';

/**
 * Any tenant's checklist page, by name: the board lists only tenants with a checklist, and a tenant
 * without one gets the "Start checklist" card there.
 */
export const OpenTenantChecklist = () => {
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const [picked, setPicked] = useState<TenantView | null>(null);
  const q = useDebounced(input.trim());
  const { data: tenants = [], isPending } = useGetList<TenantView>('tenants', {
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'legal_name', order: 'ASC' },
    filter: q ? { q } : {},
  });
  return (
    <Card variant="outlined" data-testid="open-tenant-checklist">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          A tenant&apos;s checklist
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }}>
          <Autocomplete
            options={tenants}
            value={picked}
            onChange={(_event, value) => setPicked(value)}
            inputValue={input}
            onInputChange={(_event, value) => setInput(value)}
            getOptionLabel={(tenant) => `${tenant.legal_name} (${tenant.slug})`}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            filterOptions={(options) => options}
            loading={isPending}
            size="small"
            sx={{ width: 360 }}
            renderInput={(params) => <TextField {...params} label="Tenant" placeholder="Name or slug" />}
          />
          <Button
            variant="outlined"
            endIcon={<ArrowForwardIcon />}
            disabled={!picked}
            onClick={() => picked && navigate(checklistPagePath(picked.slug))}
            data-testid="open-tenant-checklist-go"
          >
            Open or start its checklist
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
