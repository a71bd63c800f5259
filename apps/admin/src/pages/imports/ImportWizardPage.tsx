import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Box, Button, Stack, Typography } from '@mui/material';
import { AccessDenied, CanAccess, Link, Loading, Title, useParams } from 'react-admin';
import { ImportFlow, WizardSteps } from './ImportFlow';
import { UploadStep } from './UploadStep';

/**
 * The import wizard (SPEC I1–I5): `/imports/new` uploads, then `/imports/:id` carries the import through
 * mapping, the full check, the review stop, apply and the report.
 */
export const ImportWizardPage = () => {
  const { id } = useParams<{ id: string }>();
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
        <Button component={Link} to="/imports" size="small" startIcon={<ArrowBackIcon />} data-testid="import-back">
          Imports
        </Button>
      </Stack>
      <Typography variant="h5" component="h1" gutterBottom>
        {id ? 'Import' : 'New import'}
      </Typography>
      <CanAccess resource="imports" action="create" accessDenied={<AccessDenied />} loading={<Loading />}>
        {id ? (
          <ImportFlow key={id} id={id} />
        ) : (
          <Stack spacing={2}>
            <Title title="New import" />
            <WizardSteps status={null} />
            <UploadStep />
          </Stack>
        )}
      </CanAccess>
    </Box>
  );
};
