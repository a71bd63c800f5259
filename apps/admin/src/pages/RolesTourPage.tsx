import {
  CLUSTERS,
  DASHBOARD_CARDS,
  PERMISSIONS,
  PERSONA_IDS,
  PILOT_STARTER_PERSONAS,
  ROLE_IDS,
  ROLES,
  sidebarFor,
  type PersonaId,
  type Role,
} from '@floor-os/personas';
import { Box, Card, CardContent, Chip, Container, Grid, Link, Stack, Typography } from '@mui/material';

/** One persona, exactly as the catalogue describes it. */
const PersonaBlock = ({ role }: { role: Role }) => {
  // What the persona's sidebar shows inside a tenant that is out of pilot (pilot-deferred items marked).
  const sidebar = sidebarFor([role.id], { pilotMode: false, tenantSelected: true });
  const isStarter = (PILOT_STARTER_PERSONAS as readonly string[]).includes(role.id);
  return (
    <Card data-persona={role.id} variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h3" data-testid="persona-label">
            {role.label}
          </Typography>
          {isStarter ? <Chip size="small" color="warning" variant="outlined" label="Pilot starter set" /> : null}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {role.summary}
        </Typography>

        <Typography variant="subtitle2">Home screen</Typography>
        <Typography variant="body2" sx={{ mb: 2 }} data-testid="persona-home">
          {role.home.title}{' '}
          <Typography component="span" variant="body2" color="text.secondary">
            ({role.home.path}; cards: {role.home.cards.map((card) => DASHBOARD_CARDS[card].label).join(', ')})
          </Typography>
        </Typography>

        <Typography variant="subtitle2">Sidebar</Typography>
        <Box component="ul" sx={{ mt: 0.5, mb: 2, pl: 2.5 }}>
          {sidebar.map((item) => (
            <Typography component="li" variant="body2" key={item.id} data-sidebar-label={item.id}>
              {item.label}
              {item.pilotDeferred ? ' (hidden in pilot)' : ''}
              {role.cluster === null && item.scope === 'tenant' ? ' (after choosing a tenant)' : ''}
            </Typography>
          ))}
        </Box>

        <Typography variant="subtitle2">What they may do</Typography>
        <Box component="ul" sx={{ mt: 0.5, mb: 0, pl: 2.5 }}>
          {/* In words; the permission's key (which the API documentation names) stays in the attribute. */}
          {role.permissions.map((permission) => (
            <Typography component="li" variant="body2" key={permission} data-permission={permission}>
              {PERMISSIONS[permission]}
            </Typography>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
};

/**
 * SPEC R4: the roles tour at `/demo/roles`, rendered from the persona catalogue alone: the clusters, their
 * personas, and the platform operator who works across tenants. Public, so it can be shown before sign-in.
 */
export const RolesTourPage = () => {
  // Roles outside every cluster work across tenants: the platform operator.
  const crossTenantRoles = ROLE_IDS.filter((id) => ROLES[id].cluster === null);
  return (
    <Box sx={{ bgcolor: 'grey.50', minHeight: '100vh', py: 4 }} data-testid="roles-tour">
      <Container maxWidth="xl">
        <Stack direction="row" justifyContent="space-between" alignItems="baseline" sx={{ mb: 1 }}>
          <Typography variant="h4" component="h1">
            Floor OS — who uses it
          </Typography>
          <Link href="#/">Back to the panel</Link>
        </Stack>
        <Typography variant="body1" color="text.secondary" sx={{ mb: 4 }}>
          {PERSONA_IDS.length} personas in {CLUSTERS.length} clusters, plus platform staff. A user may hold several
          personas; permissions are the union. Menus mirror permissions; the server enforces them.
        </Typography>

        {CLUSTERS.map((cluster) => {
          const personas = PERSONA_IDS.filter((id: PersonaId) => ROLES[id].cluster === cluster.id);
          return (
            <Box component="section" key={cluster.id} data-cluster={cluster.id} sx={{ mb: 5 }}>
              <Typography variant="h5" component="h2">
                {cluster.label}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {cluster.summary}
              </Typography>
              <Grid container spacing={2}>
                {personas.map((id) => (
                  <Grid key={id} size={{ xs: 12, md: 6, lg: 4 }}>
                    <PersonaBlock role={ROLES[id]} />
                  </Grid>
                ))}
              </Grid>
            </Box>
          );
        })}

        <Box component="section" data-cluster="platform" sx={{ mb: 4 }}>
          <Typography variant="h5" component="h2">
            Platform staff
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Not a tenant persona: works across tenants, and inside one through the tenant switcher.
          </Typography>
          <Grid container spacing={2}>
            {crossTenantRoles.map((id) => (
              <Grid key={id} size={{ xs: 12, md: 6, lg: 4 }}>
                <PersonaBlock role={ROLES[id]} />
              </Grid>
            ))}
          </Grid>
        </Box>
      </Container>
    </Box>
  );
};
