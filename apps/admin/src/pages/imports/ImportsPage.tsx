import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Stack, Typography } from '@mui/material';
import { AccessDenied, CanAccess, Link, Loading, Title } from 'react-admin';
import { ImportHistory } from './ImportHistory';

/** Operations → Imports (SPEC I1–I6): the tenant's import history and the way into a new one. */
export const ImportsPage = () => (
  <Box sx={{ mt: 2, mb: 4 }}>
    <Title title="Imports" />
    <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2} sx={{ mb: 1 }}>
      <Typography variant="h5" component="h1">
        Imports
      </Typography>
      <CanAccess resource="imports" action="create">
        <Button component={Link} to="/imports/new" variant="contained" startIcon={<AddIcon />} data-testid="import-new">
          New import
        </Button>
      </CanAccess>
    </Stack>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      Portfolio placements and transactions: upload a file, map its columns, check every row, then apply them all at
      once.
    </Typography>
    <CanAccess resource="imports" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
      <ImportHistory />
    </CanAccess>
  </Box>
);
