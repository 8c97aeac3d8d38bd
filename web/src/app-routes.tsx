/** Every route of the app; pages load lazily so /login and / stay small. */
import { Button } from 'antd';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { hasPermission, useSession } from './api/auth';
import { AuthRedirector } from './components/auth-redirector';
import { OfflineBanner } from './components/offline-banner';
import { PageLoading } from './components/page-loading';
import { RequireAuth } from './components/require-auth';

type PageModule = { default: ComponentType };

/**
 * A lazily loaded page that can also be fetched ahead: `preload()` starts the same import, so a page opened by
 * address loads its code while the session is still being checked instead of after it. Once its code is here the
 * page renders directly: React.lazy would still suspend once, show the fallback and hold the page back for its
 * reveal throttle (up to 300 ms), once for the layout and once more for the page inside it. If its code cannot be
 * fetched (offline before the service worker has stored the app), the page says so and tries again when asked.
 */
function page(load: () => Promise<PageModule>) {
  let loading: Promise<PageModule> | undefined;
  let loaded: ComponentType | undefined;
  const start = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  let Lazy = lazy(start);
  // React.lazy keeps a failure for good: a retry starts a fresh import behind a fresh lazy component.
  const retry = () => {
    loading = undefined;
    Lazy = lazy(start);
  };
  function Page() {
    const Loaded = loaded;
    if (Loaded) return <Loaded />;
    return <PageCodeBoundary page={() => <Lazy />} retry={retry} />;
  }
  return Object.assign(Page, { preload: start });
}

/** Catches a page whose code could not be fetched; 重试 (or the network coming back) fetches it again. */
class PageCodeBoundary extends Component<{ page: () => ReactNode; retry: () => void }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidMount() {
    window.addEventListener('online', this.again);
  }

  componentWillUnmount() {
    window.removeEventListener('online', this.again);
  }

  again = () => {
    if (!this.state.failed) return;
    this.props.retry();
    this.setState({ failed: false });
  };

  render() {
    if (!this.state.failed) return this.props.page();
    return (
      <div role="alert" style={{ padding: '48px 16px', textAlign: 'center' }}>
        <p style={{ fontSize: 16, marginBottom: 16 }}>
          {navigator.onLine ? '页面加载失败，请重试。' : '网络已断开：这个页面还没有保存在本机，联网后再打开。'}
        </p>
        <Button onClick={this.again}>重试</Button>
      </div>
    );
  }
}

const AppLayout = page(() => import('./components/app-layout'));
const LoginPage = page(() => import('./pages/login/login-page'));
const ForcedPasswordPage = page(() => import('./pages/change-password/forced-password-page'));
const HomePage = page(() => import('./pages/home/home-page'));
const MePage = page(() => import('./pages/me/me-page'));
const RegionsPage = page(() => import('./pages/regions/regions-page'));
const UnitsPage = page(() => import('./pages/units/units-page'));
const CampaignsPage = page(() => import('./pages/campaigns/campaigns-page'));
const CampaignDetailPage = page(() => import('./pages/campaigns/campaign-detail-page'));
const UsersPage = page(() => import('./pages/users/users-page'));
const AuditPage = page(() => import('./pages/audit/audit-page'));
const MapSettingsPage = page(() => import('./pages/map-settings/map-settings-page'));
const IntegrationKeysPage = page(() => import('./pages/integrations/integration-keys-page'));
const HotlinePage = page(() => import('./pages/hotline/hotline-page'));
const PublicInterfacePage = page(() => import('./pages/integrations/public-interface-page'));
const ProblemListPage = page(() => import('./pages/problems/problem-list-page'));
const WorkbenchPage = page(() => import('./pages/problems/workbench-page'));
const InboxPage = page(() => import('./pages/problems/inbox-page'));
const ProblemDetailPage = page(() => import('./pages/problems/problem-detail-page'));
const ProblemMapPage = page(() => import('./pages/problems/problem-map-page'));
const FieldPage = page(() => import('./pages/field/field-page'));
const ProblemSettingsPage = page(() => import('./pages/problem-settings/problem-settings-page'));
const RoundsPage = page(() => import('./pages/inspections/rounds-page'));
const RoundDetailPage = page(() => import('./pages/inspections/round-detail-page'));
const RoundReportPage = page(() => import('./pages/inspections/round-report-page'));
const InspectPage = page(() => import('./pages/inspect/inspect-page'));
const SiteChecklistPage = page(() => import('./pages/inspect/site-checklist-page'));
const StandardsPage = page(() => import('./pages/standards/standards-page'));
const VersionDetailPage = page(() => import('./pages/standards/version-detail-page'));
const ByUnitPage = page(() => import('./pages/standards/by-unit-page'));
const SitesPage = page(() => import('./pages/sites/sites-page'));
const SiteMapPage = page(() => import('./pages/sites/site-map-page'));
const SiteDetailPage = page(() => import('./pages/sites/site-detail-page'));
const MaterialsPage = page(() => import('./pages/materials/materials-page'));
const PatrolPage = page(() => import('./pages/patrols/patrol-page'));
const PatrolGridPage = page(() => import('./pages/patrols/patrol-grid-page'));
const EvaluationPage = page(() => import('./pages/evaluation/evaluation-page'));
const RunPage = page(() => import('./pages/evaluation/run-page'));
const SchemeEditorPage = page(() => import('./pages/evaluation/scheme-editor-page'));
const SubjectPage = page(() => import('./pages/evaluation/subject-page'));
const MySubject = page(() => import('./pages/evaluation/my-subject'));
const RewardsPage = page(() => import('./pages/rewards/rewards-page'));
const ExposurePage = page(() => import('./pages/exposure/exposure-page'));
const CitizenReportsPage = page(() => import('./pages/citizen-reports/citizen-reports-page'));
const ExposureDetailPage = page(() => import('./pages/exposure/exposure-detail-page'));
const PredictionPage = page(() => import('./pages/prediction/prediction-page'));
const DashboardPage = page(() => import('./pages/dashboard/dashboard-page'));
const SurveysPage = page(() => import('./pages/surveys/surveys-page'));
const QuestionnaireEditorPage = page(() => import('./pages/surveys/questionnaire-editor-page'));
const WaveEditorPage = page(() => import('./pages/surveys/wave-editor-page'));
const WavePage = page(() => import('./pages/surveys/wave-page'));
const SurveyResultsPage = page(() => import('./pages/surveys/results-page'));
const PlansPage = page(() => import('./pages/plans/plans-page'));
const PlanPage = page(() => import('./pages/plans/plan-page'));
const MyTasksPage = page(() => import('./pages/plans/my-tasks-page'));
const ProgressReviewPage = page(() => import('./pages/plans/progress-review-page'));
const ProjectsPage = page(() => import('./pages/projects/projects-page'));
const ProjectPage = page(() => import('./pages/projects/project-page'));
const InterviewHomePage = page(() => import('./pages/interview/interview-home-page'));
const InterviewPage = page(() => import('./pages/interview/interview-page'));
const HonourSelectionsPage = page(() => import('./pages/honours/selections-page'));
const HonourSelectionPage = page(() => import('./pages/honours/selection-page'));
const HonourNominatePage = page(() => import('./pages/honours/nominate-page'));
const HonourNominationPage = page(() => import('./pages/honours/nomination-page'));
const VolunteerTeamsPage = page(() => import('./pages/volunteers/teams-page'));
const VolunteerStationsPage = page(() => import('./pages/volunteers/stations-page'));
const VolunteersPage = page(() => import('./pages/volunteers/volunteers-page'));
const VolunteerPopulationPage = page(() => import('./pages/volunteers/population-page'));
const VolunteerActivitiesPage = page(() => import('./pages/volunteers/activities-page'));
const VolunteerActivityPage = page(() => import('./pages/volunteers/activity-page'));
const VolunteerOrganisePage = page(() => import('./pages/volunteers/organise-page'));
const VolunteerCheckinPage = page(() => import('./pages/volunteers/checkin-page'));
const MyVolunteerPage = page(() => import('./pages/volunteers/my-volunteer-page'));
const CharityOrganisationsPage = page(() => import('./pages/charity/organisations-page'));
const CharityOrganisationPage = page(() => import('./pages/charity/organisation-page'));
const CharityProjectPage = page(() => import('./pages/charity/project-page'));
const NotFoundPage = page(() => import('./pages/not-found/not-found-page'));

/** Pages people open by address (bookmarks, a phone's home-screen icon, links in notices), fetched ahead at start. */
const OPENED_BY_ADDRESS: Array<[RegExp, { preload(): Promise<PageModule> }]> = [
  [/^\/login$/, LoginPage],
  [/^\/$/, HomePage],
  [/^\/field$/, FieldPage],
  [/^\/inspect$/, InspectPage],
  [/^\/inspect\/[^/]+\/[^/]+$/, SiteChecklistPage],
  [/^\/problems$/, ProblemListPage],
  [/^\/problems\/workbench$/, WorkbenchPage],
  [/^\/problems\/inbox$/, InboxPage],
  [/^\/problems\/[0-9a-f-]{36}$/, ProblemDetailPage],
  [/^\/inspections$/, RoundsPage],
  [/^\/sites$/, SitesPage],
  [/^\/interview$/, InterviewHomePage],
  [/^\/interview\/[^/]+$/, InterviewPage],
  [/^\/volunteers\/checkin$/, VolunteerCheckinPage],
  [/^\/volunteers\/me$/, MyVolunteerPage],
  [/^\/volunteers\/activities\/[0-9a-f-]{36}\/organise$/, VolunteerOrganisePage],
];

/**
 * Starts fetching the code of the page at `pathname`, and of the signed-in layout around it, before the first
 * render: otherwise the layout's code is asked for only once the session has loaded, and the page's only once the
 * layout has rendered — three round trips in a row on a phone.
 */
export function preloadRoute(pathname: string): void {
  const wanted = OPENED_BY_ADDRESS.filter(([address]) => address.test(pathname)).map(([, p]) => p);
  if (pathname !== '/login') wanted.push(AppLayout);
  // A failure shows where the page is rendered (the same import), not here.
  for (const p of wanted) p.preload().catch(() => undefined);
}

// The 无权访问 page is loaded only for someone who meets it, not with every page.
const RequirePermission = lazy(() => import('./components/require-permission').then((m) => ({ default: m.RequirePermission })));

/** A page for holders of `permission`; anyone else gets RequirePermission's 无权访问. */
function Guarded({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: session } = useSession();
  if (hasPermission(session, permission)) return children;
  return <RequirePermission permission={permission}>{children}</RequirePermission>;
}

function guarded(permission: string, page: ReactNode) {
  return <Guarded permission={permission}>{page}</Guarded>;
}

/** The route table. */
export function AppRoutes() {
  return (
    <>
      <AuthRedirector />
      <OfflineBanner />
      <Suspense fallback={<PageLoading fullScreen />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/change-password"
            element={
              <RequireAuth allowPasswordChange>
                <ForcedPasswordPage />
              </RequireAuth>
            }
          />
          {/* 指挥大屏: full screen, without the app's menu and header. */}
          <Route path="/dashboard" element={<RequireAuth>{guarded('dashboard.read', <DashboardPage />)}</RequireAuth>} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="me" element={<MePage />} />
            <Route path="org/regions" element={guarded('regions.list', <RegionsPage />)} />
            <Route path="org/units" element={guarded('units.list', <UnitsPage />)} />
            <Route path="org/campaigns" element={guarded('campaigns.list', <CampaignsPage />)} />
            <Route path="org/campaigns/:id" element={guarded('campaigns.list', <CampaignDetailPage />)} />
            <Route path="system/users" element={guarded('users.list', <UsersPage />)} />
            <Route path="system/map" element={guarded('mapSettings.update', <MapSettingsPage />)} />
            <Route path="system/integration-keys" element={guarded('integrations.keys', <IntegrationKeysPage />)} />
            <Route path="hotline" element={guarded('hotline.list', <HotlinePage />)} />
            <Route path="public-interface" element={guarded('integrations.settings', <PublicInterfacePage />)} />
            <Route path="audit" element={guarded('audit.list', <AuditPage />)} />
            <Route path="problems" element={guarded('problems.list', <ProblemListPage />)} />
            <Route path="problems/workbench" element={guarded('problems.office', <WorkbenchPage />)} />
            <Route path="problems/inbox" element={guarded('problems.unit', <InboxPage />)} />
            <Route path="problems/map" element={guarded('problems.list', <ProblemMapPage />)} />
            {/* The server decides who may read a problem (its reporter always may). */}
            <Route path="problems/:id" element={<ProblemDetailPage />} />
            <Route path="field" element={guarded('problems.report', <FieldPage />)} />
            {/* Readable with problems.list or problemCategories.update; the page checks which tabs to show. */}
            <Route path="problem-settings" element={<ProblemSettingsPage />} />
            <Route path="inspections" element={guarded('inspections.list', <RoundsPage />)} />
            <Route path="inspections/:id" element={guarded('inspections.list', <RoundDetailPage />)} />
            <Route path="inspections/:id/report" element={guarded('inspections.report', <RoundReportPage />)} />
            <Route path="inspect" element={guarded('inspections.visit', <InspectPage />)} />
            <Route path="inspect/:roundId/:siteId" element={guarded('inspections.visit', <SiteChecklistPage />)} />
            <Route path="standards" element={guarded('standards.list', <StandardsPage />)} />
            <Route path="standards/versions/:id" element={guarded('standards.list', <VersionDetailPage />)} />
            <Route path="standards/by-unit" element={guarded('standards.list', <ByUnitPage />)} />
            <Route path="sites" element={guarded('sites.list', <SitesPage />)} />
            <Route path="sites/map" element={guarded('sites.list', <SiteMapPage />)} />
            <Route path="sites/patrols" element={guarded('patrols.read', <PatrolGridPage />)} />
            <Route path="sites/:id" element={guarded('sites.list', <SiteDetailPage />)} />
            <Route path="materials" element={guarded('materials.list', <MaterialsPage />)} />
            <Route path="patrol" element={guarded('patrols.checkIn', <PatrolPage />)} />
            <Route path="evaluation" element={guarded('evaluation.viewPublished', <EvaluationPage />)} />
            <Route path="evaluation/runs/:id" element={guarded('evaluation.viewPublished', <RunPage />)} />
            <Route path="evaluation/subjects/:id" element={guarded('evaluation.viewPublished', <SubjectPage />)} />
            <Route path="evaluation/mine" element={guarded('evaluation.object', <MySubject />)} />
            <Route path="evaluation/schemes/new" element={guarded('evaluation.manage', <SchemeEditorPage />)} />
            <Route path="evaluation/schemes/:id/edit" element={guarded('evaluation.manage', <SchemeEditorPage />)} />
            <Route path="rewards" element={guarded('evaluation.viewPublished', <RewardsPage />)} />
            <Route path="exposure" element={guarded('exposure.read', <ExposurePage />)} />
            <Route path="citizen-reports" element={guarded('citizenReports.triage', <CitizenReportsPage />)} />
            <Route path="exposure/:id" element={guarded('exposure.read', <ExposureDetailPage />)} />
            <Route path="prediction" element={guarded('prediction.read', <PredictionPage />)} />
            <Route path="plans" element={guarded('plans.read', <PlansPage />)} />
            <Route path="plans/:id" element={<PlanPage />} />
            <Route path="my-tasks" element={guarded('plans.report', <MyTasksPage />)} />
            <Route path="task-progress" element={guarded('plans.read', <ProgressReviewPage />)} />
            <Route path="projects" element={<ProjectsPage />} />
            <Route path="projects/:id" element={<ProjectPage />} />
            <Route path="surveys" element={guarded('surveys.read', <SurveysPage />)} />
            <Route path="surveys/questionnaires/new" element={guarded('surveys.manage', <QuestionnaireEditorPage />)} />
            <Route path="surveys/questionnaires/:id" element={guarded('surveys.read', <QuestionnaireEditorPage />)} />
            <Route path="surveys/waves/new" element={guarded('surveys.manage', <WaveEditorPage />)} />
            <Route path="surveys/waves/:id" element={guarded('surveys.read', <WavePage />)} />
            <Route path="surveys/waves/:id/edit" element={guarded('surveys.manage', <WaveEditorPage />)} />
            <Route path="surveys/waves/:id/results" element={guarded('surveys.read', <SurveyResultsPage />)} />
            <Route path="interview" element={guarded('surveys.interview', <InterviewHomePage />)} />
            <Route path="interview/:waveId" element={guarded('surveys.interview', <InterviewPage />)} />
            {/* 好人之城: selections for the office and overseers, nominations for units (the server decides each record). */}
            <Route path="honours" element={guarded('honours.read', <HonourSelectionsPage />)} />
            <Route path="honours/selections/:id" element={guarded('honours.read', <HonourSelectionPage />)} />
            <Route path="honours/selections/:id/nominate" element={guarded('honours.nominate', <HonourNominatePage />)} />
            <Route path="honours/nominations/:id" element={guarded('honours.read', <HonourNominationPage />)} />
            {/* 志愿之城: the server decides what each person sees (team admins are not a role). */}
            <Route path="volunteers/teams" element={<VolunteerTeamsPage />} />
            <Route path="volunteers/stations" element={<VolunteerStationsPage />} />
            <Route path="volunteers/people" element={<VolunteersPage />} />
            <Route path="volunteers/population" element={guarded('volunteers.manage', <VolunteerPopulationPage />)} />
            <Route path="volunteers/activities" element={<VolunteerActivitiesPage />} />
            <Route path="volunteers/activities/:id" element={<VolunteerActivityPage />} />
            <Route path="volunteers/activities/:id/organise" element={<VolunteerOrganisePage />} />
            <Route path="volunteers/checkin" element={<VolunteerCheckinPage />} />
            <Route path="volunteers/me" element={<MyVolunteerPage />} />
            <Route path="charity/organisations" element={<CharityOrganisationsPage />} />
            <Route path="charity/organisations/:id" element={<CharityOrganisationPage />} />
            <Route path="charity/projects/:id" element={<CharityProjectPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
