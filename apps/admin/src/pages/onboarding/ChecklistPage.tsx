import { useQuery, useQueryClient } from '@tanstack/react-query';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { AccessDenied, CanAccess, Link, Loading, Title, useNotify, useParams } from 'react-admin';
import { statusOf } from '../../providers/http';
import { useSession } from '../../providers/session';
import { retryServerErrors, usePanelData } from '../../providers/usePanelData';
import { ChecklistHeader } from './ChecklistHeader';
import { HealthCheckSection } from './HealthCheckSection';
import { checklistKey } from './onboardingKeys';
import { StartChecklistCard } from './StartChecklistCard';
import { StepCard } from './StepCard';
import type {
  ChecklistStepView as ChecklistStep,
  OnboardingChecklistView as Checklist,
  OnboardingStepPatch as StepPatch,
} from '@floor-os/contracts';

/** Consecutive steps of one phase, in template order. */
function phasesOf(steps: readonly ChecklistStep[]): { phase: string; steps: ChecklistStep[] }[] {
  const phases: { phase: string; steps: ChecklistStep[] }[] = [];
  for (const step of steps) {
    const last = phases.at(-1);
    if (last?.phase === step.phase) last.steps.push(step);
    else phases.push({ phase: step.phase, steps: [step] });
  }
  return phases;
}

const Steps = ({
  checklist,
  onPatch,
}: {
  checklist: Checklist;
  onPatch: (step: ChecklistStep, patch: StepPatch) => Promise<void>;
}) => {
  const { session } = useSession();
  return (
    <Stack spacing={3} data-testid="checklist-steps">
      {phasesOf(checklist.steps).map(({ phase, steps }) => {
        const finished = steps.filter((step) => step.status === 'done' || step.status === 'skipped').length;
        return (
          <Box key={phase} component="section" data-testid="checklist-phase" data-phase={phase}>
            <Stack direction="row" spacing={1} alignItems="baseline" sx={{ mb: 1 }}>
              <Typography variant="h6" component="h2">
                {phase}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {finished} of {steps.length} done
              </Typography>
            </Stack>
            <Stack spacing={1.5}>
              {steps.map((step) => (
                <StepCard
                  key={step.id}
                  step={step}
                  current={step.key === checklist.current_step}
                  myId={session?.user.id}
                  tenantId={checklist.tenant.id}
                  onPatch={(patch) => onPatch(step, patch)}
                />
              ))}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
};

const TenantChecklist = ({ tenant }: { tenant: string }) => {
  const notify = useNotify();
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const checklist = useQuery({
    queryKey: checklistKey(tenant),
    queryFn: () => dataProvider.getChecklist(tenant),
    retry: retryServerErrors,
  });
  const setChecklist = (next: Checklist) => queryClient.setQueryData(checklistKey(tenant), next);

  // Every change is one PATCH; its answer is the whole checklist (statuses flip on the server).
  const onPatch = async (step: ChecklistStep, patch: StepPatch) => {
    const next = await dataProvider.updateChecklistStep(tenant, step.key, patch);
    setChecklist(next);
    const after = next.steps.find((candidate) => candidate.key === step.key);
    notify(
      after && after.status !== step.status
        ? `${step.title}: ${after.status.replace(/_/g, ' ')}`
        : `${step.title} saved`,
      { type: 'info' },
    );
  };

  if (!checklist.data && checklist.error) {
    if (statusOf(checklist.error) === 404) {
      return (
        <>
          <Title title={`Onboarding · ${tenant}`} />
          <StartChecklistCard tenant={tenant} reason={checklist.error.message} onStarted={setChecklist} />
        </>
      );
    }
    return (
      <>
        <Title title="Onboarding" />
        <Alert severity="error">The checklist could not load: {checklist.error.message}</Alert>
      </>
    );
  }
  if (!checklist.data) {
    return (
      <>
        <Title title="Onboarding" />
        <Skeleton variant="rounded" height={320} />
      </>
    );
  }
  // The health check sits above the steps: it is short, and go/no-go (near the end) depends on it.
  return (
    <Stack spacing={2} data-testid="checklist" data-state={checklist.data.state}>
      <Title title={`Onboarding · ${checklist.data.tenant.legal_name}`} />
      <ChecklistHeader checklist={checklist.data} />
      <HealthCheckSection
        tenant={checklist.data.tenant.slug}
        onRan={() => void queryClient.invalidateQueries({ queryKey: checklistKey(tenant) })}
      />
      <Steps checklist={checklist.data} onPatch={onPatch} />
    </Stack>
  );
};

/** One tenant's onboarding (SPEC O1, O2, O4): `/onboarding/:tenant`, the tenant by slug (or id). */
export const ChecklistPage = () => {
  const { tenant } = useParams<{ tenant: string }>();
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
        <Button
          component={Link}
          to="/onboarding"
          size="small"
          startIcon={<ArrowBackIcon />}
          data-testid="checklist-back"
        >
          Onboarding board
        </Button>
      </Stack>
      <CanAccess resource="onboarding" action="edit" accessDenied={<AccessDenied />} loading={<Loading />}>
        {tenant ? <TenantChecklist key={tenant} tenant={tenant} /> : null}
      </CanAccess>
    </Box>
  );
};
