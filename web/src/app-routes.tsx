/** Every route of the app; pages load lazily so /login and / stay small. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AuthRedirector } from './components/auth-redirector';
import { PageLoading } from './components/page-loading';
import { RequireAuth } from './components/require-auth';
import { RequirePermission } from './components/require-permission';

const AppLayout = lazy(() => import('./components/app-layout'));
const LoginPage = lazy(() => import('./pages/login/login-page'));
const ForcedPasswordPage = lazy(() => import('./pages/change-password/forced-password-page'));
const HomePage = lazy(() => import('./pages/home/home-page'));
const MePage = lazy(() => import('./pages/me/me-page'));
const RegionsPage = lazy(() => import('./pages/regions/regions-page'));
const UnitsPage = lazy(() => import('./pages/units/units-page'));
const CampaignsPage = lazy(() => import('./pages/campaigns/campaigns-page'));
const CampaignDetailPage = lazy(() => import('./pages/campaigns/campaign-detail-page'));
const UsersPage = lazy(() => import('./pages/users/users-page'));
const AuditPage = lazy(() => import('./pages/audit/audit-page'));
const MapSettingsPage = lazy(() => import('./pages/map-settings/map-settings-page'));
const ProblemListPage = lazy(() => import('./pages/problems/problem-list-page'));
const WorkbenchPage = lazy(() => import('./pages/problems/workbench-page'));
const InboxPage = lazy(() => import('./pages/problems/inbox-page'));
const ProblemDetailPage = lazy(() => import('./pages/problems/problem-detail-page'));
const ProblemMapPage = lazy(() => import('./pages/problems/problem-map-page'));
const FieldPage = lazy(() => import('./pages/field/field-page'));
const ProblemSettingsPage = lazy(() => import('./pages/problem-settings/problem-settings-page'));
const RoundsPage = lazy(() => import('./pages/inspections/rounds-page'));
const RoundDetailPage = lazy(() => import('./pages/inspections/round-detail-page'));
const RoundReportPage = lazy(() => import('./pages/inspections/round-report-page'));
const InspectPage = lazy(() => import('./pages/inspect/inspect-page'));
const SiteChecklistPage = lazy(() => import('./pages/inspect/site-checklist-page'));
const StandardsPage = lazy(() => import('./pages/standards/standards-page'));
const VersionDetailPage = lazy(() => import('./pages/standards/version-detail-page'));
const ByUnitPage = lazy(() => import('./pages/standards/by-unit-page'));
const SitesPage = lazy(() => import('./pages/sites/sites-page'));
const SiteMapPage = lazy(() => import('./pages/sites/site-map-page'));
const SiteDetailPage = lazy(() => import('./pages/sites/site-detail-page'));
const MaterialsPage = lazy(() => import('./pages/materials/materials-page'));
const PatrolPage = lazy(() => import('./pages/patrols/patrol-page'));
const PatrolGridPage = lazy(() => import('./pages/patrols/patrol-grid-page'));
const NotFoundPage = lazy(() => import('./pages/not-found/not-found-page'));

function guarded(permission: string, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

/** The route table. */
export function AppRoutes() {
  return (
    <>
      <AuthRedirector />
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
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
