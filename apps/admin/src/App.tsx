import { SIDEBAR_ITEMS } from '@floor-os/personas';
import { Admin, CustomRoutes, Navigate, reactRouterProvider, Resource } from 'react-admin';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { lazily, page } from './lazy';
import { canAccessResource } from './providers/access';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import type { Session } from './providers/session';
import * as accounts from './resources/accounts';
import * as apiKeys from './resources/api-keys';
import * as auditLog from './resources/audit-log';
import * as decisions from './resources/decisions';
import * as disputes from './resources/disputes';
import * as offboarding from './resources/offboarding';
import * as suppression from './resources/suppression';
import * as tenants from './resources/tenants';
import * as users from './resources/users';
import { BUILT_SCREENS } from './screens';

// The first load carries the sign-in page, the layout and the providers; every screen below (and each
// resource's list, show, edit and create, declared in its folder) is a chunk of its own, fetched when opened.
const Dashboard = page(() => import('./dashboard/Dashboard'), 'Dashboard');
const AcceptInvitationPage = page(() => import('./pages/AcceptInvitationPage'), 'AcceptInvitationPage');
const RolesTourPage = page(() => import('./pages/RolesTourPage'), 'RolesTourPage');
const PendingScreen = page(() => import('./pages/PendingScreen'), 'PendingScreen');
const TenantSettingsPage = page(() => import('./pages/TenantSettingsPage'), 'TenantSettingsPage');
const SsoSettingsPage = page(() => import('./pages/sso/SsoSettingsPage'), 'SsoSettingsPage');
const VendorsPage = page(() => import('./pages/vendors/VendorsPage'), 'VendorsPage');
const WebhookHealthPage = page(() => import('./pages/webhook-health/WebhookHealthPage'), 'WebhookHealthPage');
const MyQueuePage = page(() => import('./pages/queues/MyQueuePage'), 'MyQueuePage');
const TeamQueuePage = page(() => import('./pages/queues/TeamQueuePage'), 'TeamQueuePage');
const ImportsPage = page(() => import('./pages/imports/ImportsPage'), 'ImportsPage');
const ImportWizardPage = page(() => import('./pages/imports/ImportWizardPage'), 'ImportWizardPage');
const OnboardingBoardPage = page(() => import('./pages/onboarding/OnboardingBoardPage'), 'OnboardingBoardPage');
const RetrospectivePage = page(() => import('./pages/onboarding/RetrospectivePage'), 'RetrospectivePage');
const ChecklistPage = page(() => import('./pages/onboarding/ChecklistPage'), 'ChecklistPage');
const CoursePage = page(() => import('./pages/course/CoursePage'), 'CoursePage');
const HelpPage = page(() => import('./pages/help/HelpPage'), 'HelpPage');
const CoveragePage = page(() => import('./pages/reports/coverage/CoveragePage'), 'CoveragePage');
const GapReportPage = page(() => import('./pages/reports/gap/GapReportPage'), 'GapReportPage');
const OpsCoveragePage = page(() => import('./pages/reports/ops/OpsCoveragePage'), 'OpsCoveragePage');
const UsageReadoutPage = page(() => import('./pages/reports/usage/UsageReadoutPage'), 'UsageReadoutPage');
const WeeklyReviewList = page(() => import('./pages/reports/weekly/WeeklyReviewList'), 'WeeklyReviewList');
const WeeklyReviewPage = page(() => import('./pages/reports/weekly/WeeklyReviewPage'), 'WeeklyReviewPage');

// The router react-admin runs on (hash history); its `Route` declares the custom pages.
const { Route } = reactRouterProvider;

/** Panel resources, by the name the API and `canAccessResource` use. */
const RESOURCES = [
  { name: 'decisions', ...decisions },
  { name: 'disputes', ...disputes },
  { name: 'accounts', ...accounts },
  { name: 'users', ...users },
  { name: 'offboarding', ...offboarding },
  { name: 'api-keys', ...apiKeys },
  { name: 'suppression', ...suppression },
  { name: 'audit-log', ...auditLog },
  { name: 'tenants', ...tenants },
];

// The deferred surfaces (decided detail 34): one plain-language page each about the expansion plan.
const EXPANSION_SCREENS = SIDEBAR_ITEMS.filter((item) => !BUILT_SCREENS.has(item.id) && item.pilotDeferred === true);

export const App = () => (
  <Admin
    title="Floor OS"
    disableTelemetry
    requireAuth
    authProvider={authProvider}
    dataProvider={dataProvider}
    dashboard={Dashboard}
    layout={Layout}
    loginPage={LoginPage}
  >
    <CustomRoutes noLayout>
      <Route path="/accept-invitation" element={lazily(AcceptInvitationPage)} />
      <Route path="/demo/roles" element={lazily(RolesTourPage)} />
    </CustomRoutes>
    <CustomRoutes>
      <Route path="/tenant-settings" element={lazily(TenantSettingsPage)} />
      <Route path="/sso" element={lazily(SsoSettingsPage)} />
      <Route path="/vendors" element={lazily(VendorsPage)} />
      <Route path="/webhook-health" element={lazily(WebhookHealthPage)} />
      <Route path="/my-queue" element={lazily(MyQueuePage)} />
      <Route path="/team-queue" element={lazily(TeamQueuePage)} />
      <Route path="/imports" element={lazily(ImportsPage)} />
      <Route path="/imports/new" element={lazily(ImportWizardPage)} />
      <Route path="/imports/:id" element={lazily(ImportWizardPage)} />
      <Route path="/onboarding" element={lazily(OnboardingBoardPage)} />
      {/* Before `/onboarding/:tenant`, or "retrospective" is read as a tenant. */}
      <Route path="/onboarding/retrospective" element={lazily(RetrospectivePage)} />
      <Route path="/onboarding/:tenant" element={lazily(ChecklistPage)} />
      {/* The operator course (SPEC O7): the tracker, and the course's pages bundled from docs/onboarding. */}
      <Route path="/onboarding-progress" element={lazily(CoursePage)} />
      <Route path="/help/:slug" element={lazily(HelpPage)} />
      {/* Reports (SPEC P1–P4). */}
      <Route path="/compliance-coverage" element={lazily(CoveragePage)} />
      <Route path="/gap-report" element={lazily(GapReportPage)} />
      <Route path="/weekly-review" element={lazily(WeeklyReviewList)} />
      <Route path="/weekly-review/:id" element={lazily(WeeklyReviewPage)} />
      <Route path="/usage-readout" element={lazily(UsageReadoutPage)} />
      <Route path="/ops-coverage" element={lazily(OpsCoveragePage)} />
      {/* The catalogue's "Audit trail" item (and the Compliance Officer's home) is the decisions resource. */}
      <Route path="/audit-trail" element={<Navigate to="/decisions" replace />} />
      {EXPANSION_SCREENS.map((item) => (
        <Route key={item.id} path={item.path} element={lazily(PendingScreen, { item })} />
      ))}
    </CustomRoutes>
    {(session: Session | null) =>
      RESOURCES.filter(({ name }) => canAccessResource(session, name, 'list')).map((resource) => (
        <Resource key={resource.name} {...resource} />
      ))
    }
  </Admin>
);
