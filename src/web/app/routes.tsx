/**
 * Which component draws which path. Paths and access come from the navigation table (nav.ts);
 * this file only adds the components and the login gate.
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from '../components/loading.js';
import { LoginPage } from '../features/auth/login-page.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Layout } from './layout.js';
import { canSee, navItem, type NavKey } from './nav.js';
import { useSession } from './session-context.js';
import { ForbiddenPage, NotFoundPage, UnavailablePage } from './status-pages.js';

/**
 * Each page is its own chunk, loaded when first opened: a member on a phone downloads the
 * booking pages, not the billing and quality ones.
 */
function page<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AccountPage = page(() => import('../features/account/account-page.js'), 'AccountPage');
const AuditPage = page(() => import('../features/audit/audit-page.js'), 'AuditPage');
const BillingSettingsPage = page(() => import('../features/billing/billing-settings-page.js'), 'BillingSettingsPage');
const HourPacksPage = page(() => import('../features/billing/hour-packs-page.js'), 'HourPacksPage');
const InvoicePage = page(() => import('../features/billing/invoice-page.js'), 'InvoicePage');
const InvoicesPage = page(() => import('../features/billing/invoices-page.js'), 'InvoicesPage');
const InvoicingPage = page(() => import('../features/billing/invoicing-page.js'), 'InvoicingPage');
const MyInvoicesPage = page(() => import('../features/billing/my-invoices-page.js'), 'MyInvoicesPage');
const RevenuePage = page(() => import('../features/billing/revenue-page.js'), 'RevenuePage');
const StatementPage = page(() => import('../features/billing/statement-page.js'), 'StatementPage');
const SubsidiesPage = page(() => import('../features/billing/subsidies-page.js'), 'SubsidiesPage');
const BookingFormPage = page(() => import('../features/bookings/booking-form-page.js'), 'BookingFormPage');
const BookingRulesPage = page(() => import('../features/bookings/booking-rules-page.js'), 'BookingRulesPage');
const BookingsPage = page(() => import('../features/bookings/bookings-page.js'), 'BookingsPage');
const CapacityPage = page(() => import('../features/bookings/capacity-page.js'), 'CapacityPage');
const MachineCalendarPage = page(() => import('../features/bookings/machine-calendar-page.js'), 'MachineCalendarPage');
const TodayPage = page(() => import('../features/bookings/today-page.js'), 'TodayPage');
const EquipmentPage = page(() => import('../features/equipment/equipment-page.js'), 'EquipmentPage');
const ExpiringDocumentsPage = page(() => import('../features/equipment/expiring-documents-page.js'), 'ExpiringDocumentsPage');
const EditMachinePage = page(() => import('../features/equipment/machine-edit-pages.js'), 'EditMachinePage');
const NewMachinePage = page(() => import('../features/equipment/machine-edit-pages.js'), 'NewMachinePage');
const EquipmentTransferPage = page(() => import('../features/equipment/equipment-transfer-page.js'), 'EquipmentTransferPage');
const MachinePage = page(() => import('../features/equipment/machine-page.js'), 'MachinePage');
const SearchPage = page(() => import('../features/search/search-page.js'), 'SearchPage');
const HomePage = page(() => import('../features/home/home-page.js'), 'HomePage');
const JobsPage = page(() => import('../features/jobs/jobs-page.js'), 'JobsPage');
const MembersTransferPage = page(() => import('../features/organisations/members-transfer-page.js'), 'MembersTransferPage');
const MyOrganisationPage = page(() => import('../features/organisations/my-organisation-page.js'), 'MyOrganisationPage');
const NewOrganisationPage = page(() => import('../features/organisations/new-organisation-page.js'), 'NewOrganisationPage');
const OrganisationPage = page(() => import('../features/organisations/organisation-page.js'), 'OrganisationPage');
const OrganisationsPage = page(() => import('../features/organisations/organisations-page.js'), 'OrganisationsPage');
const PersonPage = page(() => import('../features/qualifications/person-page.js'), 'PersonPage');
const QualificationRulesPage = page(() => import('../features/qualifications/rules-page.js'), 'QualificationRulesPage');
const TrainingPage = page(() => import('../features/qualifications/training-page.js'), 'TrainingPage');
const TrainingSessionPage = page(() => import('../features/qualifications/training-session-page.js'), 'TrainingSessionPage');
const ProgrammePage = page(() => import('../features/programmes/programme-page.js'), 'ProgrammePage');
const ProgrammesPage = page(() => import('../features/programmes/programmes-page.js'), 'ProgrammesPage');
const NcListPage = page(() => import('../features/quality/nc-list-page.js'), 'NcListPage');
const NcPage = page(() => import('../features/quality/nc-page.js'), 'NcPage');
const SpcPage = page(() => import('../features/quality/spc-page.js'), 'SpcPage');
const StandardsPage = page(() => import('../features/quality/standards-page.js'), 'StandardsPage');
const VerifyPage = page(() => import('../features/quality/verify-page.js'), 'VerifyPage');
const RegisterPage = page(() => import('../features/registrations/register-page.js'), 'RegisterPage');
const RegistrationsPage = page(() => import('../features/registrations/registrations-page.js'), 'RegistrationsPage');
const SitePage = page(() => import('../features/sites/site-page.js'), 'SitePage');
const SitesPage = page(() => import('../features/sites/sites-page.js'), 'SitesPage');
const IntakePage = page(() => import('../features/toll/intake-page.js'), 'IntakePage');
const ProcessJobNewPage = page(() => import('../features/toll/job-new-page.js'), 'ProcessJobNewPage');
const ProcessJobPage = page(() => import('../features/toll/job-page.js'), 'ProcessJobPage');
const ProcessJobsPage = page(() => import('../features/toll/jobs-page.js'), 'ProcessJobsPage');
const LabelPage = page(() => import('../features/toll/label-page.js'), 'LabelPage');
const LotPage = page(() => import('../features/toll/lot-page.js'), 'LotPage');
const LotsPage = page(() => import('../features/toll/lots-page.js'), 'LotsPage');
const ReceiptPage = page(() => import('../features/toll/receipt-page.js'), 'ReceiptPage');
const RecallPage = page(() => import('../features/toll/recall-page.js'), 'RecallPage');
const UsersPage = page(() => import('../features/users/users-page.js'), 'UsersPage');

const PAGES: Record<NavKey, ComponentType> = {
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
  qualityStandards: StandardsPage,
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
      <Route path="/register" element={<Standalone page={RegisterPage} />} />
      {/* Public: the page behind a certificate's QR code (anyone holding the paper checks it). */}
      <Route path="/verify/:token" element={<Standalone page={VerifyPage} />} />
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
              <Suspense fallback={<Loading label={t('state.loading')} />}>
                <PageComponent />
              </Suspense>
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

/** A public page outside the layout, with the same loading state while its chunk arrives. */
function Standalone({ page: PageComponent }: { page: ComponentType }) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <main className="standalone" id="main">
          <Loading label={t('state.loading')} />
        </main>
      }
    >
      <PageComponent />
    </Suspense>
  );
}
