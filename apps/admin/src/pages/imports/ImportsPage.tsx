import AddIcon from '@mui/icons-material/Add';
import { Button } from '@mui/material';
import { CanAccess, Link } from 'react-admin';
import { Page } from '../../components/Page';
import { ImportHistory } from './ImportHistory';

/** Operations → Imports (SPEC I1–I6): the tenant's import history and the way into a new one. */
export const ImportsPage = () => (
  <Page
    title="Imports"
    resource="imports"
    intro="Portfolio placements and transactions: upload a file, map its columns, check every row, then apply them all at once."
    actions={
      <CanAccess resource="imports" action="create">
        <Button component={Link} to="/imports/new" variant="contained" startIcon={<AddIcon />} data-testid="import-new">
          New import
        </Button>
      </CanAccess>
    }
  >
    <ImportHistory />
  </Page>
);
