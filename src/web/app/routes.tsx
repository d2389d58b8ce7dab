/**
 * Which component draws which path. Paths and access come from the navigation table (nav.ts);
 * this file only adds the components and the login gate.
 */
import type { ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from '../components/loading.js';
import { AccountPage } from '../features/account/account-page.js';
import { AuditPage } from '../features/audit/audit-page.js';
import { BillingSettingsPage } from '../features/billing/billing-settings-page.js';
import { HourPacksPage } from '../features/billing/hour-packs-page.js';
import { InvoicePage } from '../features/billing/invoice-page.js';
import { InvoicesPage } from '../features/billing/invoices-page.js';
import { InvoicingPage } from '../features/billing/invoicing-page.js';
import { MyInvoicesPage } from '../features/billing/my-invoices-page.js';
import { RevenuePage } from '../features/billing/revenue-page.js';
import { StatementPage } from '../features/billing/statement-page.js';
import { SubsidiesPage } from '../features/billing/subsidies-page.js';
import { BookingFormPage } from '../features/bookings/booking-form-page.js';
import { BookingRulesPage } from '../features/bookings/booking-rules-page.js';
import { BookingsPage } from '../features/bookings/bookings-page.js';
import { CapacityPage } from '../features/bookings/capacity-page.js';
import { MachineCalendarPage } from '../features/bookings/machine-calendar-page.js';
import { TodayPage } from '../features/bookings/today-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { EquipmentPage } from '../features/equipment/equipment-page.js';
import { ExpiringDocumentsPage } from '../features/equipment/expiring-documents-page.js';
import { EditMachinePage, NewMachinePage } from '../features/equipment/machine-edit-pages.js';
import { EquipmentTransferPage } from '../features/equipment/equipment-transfer-page.js';
import { MachinePage } from '../features/equipment/machine-page.js';
import { SearchPage } from '../features/search/search-page.js';
import { HomePage } from '../features/home/home-page.js';
import { JobsPage } from '../features/jobs/jobs-page.js';
import { MembersTransferPage } from '../features/organisations/members-transfer-page.js';
import { MyOrganisationPage } from '../features/organisations/my-organisation-page.js';
import { NewOrganisationPage } from '../features/organisations/new-organisation-page.js';
import { OrganisationPage } from '../features/organisations/organisation-page.js';
import { OrganisationsPage } from '../features/organisations/organisations-page.js';
import { PersonPage } from '../features/qualifications/person-page.js';
import { QualificationRulesPage } from '../features/qualifications/rules-page.js';
import { TrainingPage } from '../features/qualifications/training-page.js';
import { TrainingSessionPage } from '../features/qualifications/training-session-page.js';
import { ProgrammePage } from '../features/programmes/programme-page.js';
import { ProgrammesPage } from '../features/programmes/programmes-page.js';
import { NcListPage } from '../features/quality/nc-list-page.js';
import { NcPage } from '../features/quality/nc-page.js';
import { SpcPage } from '../features/quality/spc-page.js';
import { VerifyPage } from '../features/quality/verify-page.js';
import { RegisterPage } from '../features/registrations/register-page.js';
import { RegistrationsPage } from '../features/registrations/registrations-page.js';
import { SitePage } from '../features/sites/site-page.js';
import { SitesPage } from '../features/sites/sites-page.js';
import { IntakePage } from '../features/toll/intake-page.js';
import { ProcessJobNewPage } from '../features/toll/job-new-page.js';
import { ProcessJobPage } from '../features/toll/job-page.js';
import { ProcessJobsPage } from '../features/toll/jobs-page.js';
import { LabelPage } from '../features/toll/label-page.js';
import { LotPage } from '../features/toll/lot-page.js';
import { LotsPage } from '../features/toll/lots-page.js';
import { ReceiptPage } from '../features/toll/receipt-page.js';
import { RecallPage } from '../features/toll/recall-page.js';
import { UsersPage } from '../features/users/users-page.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Layout } from './layout.js';
import { canSee, navItem, type NavKey } from './nav.js';
import { useSession } from './session-context.js';
import { ForbiddenPage, NotFoundPage, UnavailablePage } from './status-pages.js';

const PAGES: Record<NavKey, () => ReactElement> = {
  home: HomePage,
  sites: SitesPage,
  site: SitePage,
  equipment: EquipmentPage,
  equipmentNew: NewMachinePage,
  equipmentExpiring: ExpiringDocumentsPage,
  equipmentTransfer: EquipmentTransferPage,
  search: SearchPage,
  machine: MachinePage,
  machineEdit: EditMachinePage,
  machineCalendar: MachineCalendarPage,
  machineBook: BookingFormPage,
  bookingRules: BookingRulesPage,
  bookings: BookingsPage,
  bookingsToday: TodayPage,
  capacity: CapacityPage,
  lotIntake: IntakePage,
  lots: LotsPage,
  lot: LotPage,
  lotReceipt: ReceiptPage,
  lotLabel: LabelPage,
  processJobs: ProcessJobsPage,
  processJobNew: ProcessJobNewPage,
  processJob: ProcessJobPage,
  nonConformances: NcListPage,
  nonConformance: NcPage,
  spc: SpcPage,
  recall: RecallPage,
  training: TrainingPage,
  trainingSession: TrainingSessionPage,
  qualificationRules: QualificationRulesPage,
  programmes: ProgrammesPage,
  programme: ProgrammePage,
  organisations: OrganisationsPage,
  myOrganisation: MyOrganisationPage,
  organisationNew: NewOrganisationPage,
  organisationTransfer: MembersTransferPage,
  organisation: OrganisationPage,
  registrations: RegistrationsPage,
  person: PersonPage,
  invoicing: InvoicingPage,
  invoices: InvoicesPage,
  myInvoices: MyInvoicesPage,
  invoice: InvoicePage,
  statement: StatementPage,
  hourPacks: HourPacksPage,
  revenue: RevenuePage,
  subsidies: SubsidiesPage,
  siteBilling: BillingSettingsPage,
  users: UsersPage,
  audit: AuditPage,
  jobs: JobsPage,
  account: AccountPage,
};

export function AppRoutes() {
  const { t } = useI18n();
  const { state, reload } = useSession();

  // Until /api/auth/me answers we do not know whether to show the login page.
  if (state.status === 'loading') {
    return (
      <main className="standalone" id="main">
        <Loading label={t('state.loading')} />
      </main>
    );
  }
  if (state.status === 'unavailable')
    return <UnavailablePage error={state.error} onRetry={reload} />;

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Public: a UMKM registers itself (opened from the login page). */}
      <Route path="/register" element={<RegisterPage />} />
      {/* Public: the page behind a certificate's QR code (anyone holding the paper checks it). */}
      <Route path="/verify/:token" element={<VerifyPage />} />
      <Route
        element={
          <RequireSignIn>
            <Layout />
          </RequireSignIn>
        }
      >
        {(Object.keys(PAGES) as NavKey[]).map((key) => {
          const path = navItem(key).path;
          const PageComponent = PAGES[key];
          const element = (
            <RoleGate nav={key}>
              <PageComponent />
            </RoleGate>
          );
          return path === '/' ? (
            <Route key={key} index element={element} />
          ) : (
            <Route key={key} path={path} element={element} />
          );
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/**
 * Sends anonymous visitors to the login page, remembering where they wanted to go — except
 * after an explicit logout: the next person at a shared device starts from the home page.
 */
function RequireSignIn({ children }: { children: ReactElement }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'signed_in') {
    const from =
      state.status === 'anonymous' && state.since === 'logout'
        ? null
        : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  return children;
}

function RoleGate({ nav, children }: { nav: NavKey; children: ReactElement }) {
  const { roles } = useSession();
  return canSee(nav, roles) ? children : <ForbiddenPage />;
}
