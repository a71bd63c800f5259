import { SIDEBAR_ITEMS } from '@floor-os/personas';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Admin, CustomRoutes, Loading, Navigate, reactRouterProvider, Resource } from 'react-admin';
import { Dashboard } from './dashboard/Dashboard';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { CoursePage } from './pages/course/CoursePage';
import { HelpPage } from './pages/help/HelpPage';
import { ImportsPage } from './pages/imports/ImportsPage';
import { ImportWizardPage } from './pages/imports/ImportWizardPage';
import { ChecklistPage } from './pages/onboarding/ChecklistPage';
import { OnboardingBoardPage } from './pages/onboarding/OnboardingBoardPage';
import { RetrospectivePage } from './pages/onboarding/RetrospectivePage';
import { PendingScreen } from './pages/PendingScreen';
import { BUILT_SCREENS } from './screens';
import { MyQueuePage } from './pages/queues/MyQueuePage';
import { TeamQueuePage } from './pages/queues/TeamQueuePage';
import { RolesTourPage } from './pages/RolesTourPage';
import { SsoSettingsPage } from './pages/sso/SsoSettingsPage';
import { TenantSettingsPage } from './pages/TenantSettingsPage';
import { VendorsPage } from './pages/vendors/VendorsPage';
import { WebhookHealthPage } from './pages/webhook-health/WebhookHealthPage';
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

/** A page loaded on first visit (the report pages are a chunk of their own: most sessions never open them). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
const lazily = (Page: LazyExoticComponent<ComponentType>) => (
  <Suspense fallback={<Loading />}>
    <Page />
  </Suspense>
);
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
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/demo/roles" element={<RolesTourPage />} />
    </CustomRoutes>
    <CustomRoutes>
      <Route path="/tenant-settings" element={<TenantSettingsPage />} />
      <Route path="/sso" element={<SsoSettingsPage />} />
      <Route path="/vendors" element={<VendorsPage />} />
      <Route path="/webhook-health" element={<WebhookHealthPage />} />
      <Route path="/my-queue" element={<MyQueuePage />} />
      <Route path="/team-queue" element={<TeamQueuePage />} />
      <Route path="/imports" element={<ImportsPage />} />
      <Route path="/imports/new" element={<ImportWizardPage />} />
      <Route path="/imports/:id" element={<ImportWizardPage />} />
      <Route path="/onboarding" element={<OnboardingBoardPage />} />
      {/* Before `/onboarding/:tenant`, or "retrospective" is read as a tenant. */}
      <Route path="/onboarding/retrospective" element={<RetrospectivePage />} />
      <Route path="/onboarding/:tenant" element={<ChecklistPage />} />
      {/* The operator course (SPEC O7): the tracker, and the course's pages bundled from docs/onboarding. */}
      <Route path="/onboarding-progress" element={<CoursePage />} />
      <Route path="/help/:slug" element={<HelpPage />} />
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
        <Route key={item.id} path={item.path} element={<PendingScreen item={item} />} />
      ))}
    </CustomRoutes>
    {(session: Session | null) =>
      RESOURCES.filter(({ name }) => canAccessResource(session, name, 'list')).map((resource) => (
        <Resource key={resource.name} {...resource} />
      ))
    }
  </Admin>
);
