import { BrowserRouter, Route, Routes } from "react-router";
import { SessionProvider } from "./session";
import { NotFound } from "./components/NotFound";
import { HomeRedirect } from "./pages/HomeRedirect";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PortalLayout } from "./pages/portal/PortalLayout";
import { PortalHomePage } from "./pages/portal/PortalHomePage";
import { SignAgreementPage } from "./pages/portal/SignAgreementPage";
import { ContactPage } from "./pages/portal/ContactPage";
import { TokensPage } from "./pages/shared/TokensPage";
import { SecurityPage } from "./pages/shared/SecurityPage";
import { AdminLayout } from "./pages/admin/AdminLayout";
import { CustomersPage } from "./pages/admin/CustomersPage";
import { CustomerPage } from "./pages/admin/CustomerPage";
import { AdminAgreementPage } from "./pages/admin/AdminAgreementPage";
import { CountersignQueuePage } from "./pages/admin/CountersignQueuePage";
import { StaffHomePage } from "./pages/admin/StaffHomePage";
import { TemplatesPage } from "./pages/admin/TemplatesPage";
import { NewTemplatePage } from "./pages/admin/NewTemplatePage";
import { ProcessorPage } from "./pages/admin/ProcessorPage";
import { CataloguePage } from "./pages/admin/CataloguePage";
import { MeasuresPage } from "./pages/admin/MeasuresPage";
import { MeasurePage } from "./pages/admin/measures/MeasurePage";
import { PublishAnnex2Page } from "./pages/admin/measures/PublishAnnex2Page";
import { PortalMeasuresPage } from "./pages/portal/MeasuresPage";
import { NoticesPage } from "./pages/shared/notices/NoticesPage";
import { NoticePage } from "./pages/shared/notices/NoticePage";
import { ObligationsPage } from "./pages/shared/obligations/ObligationsPage";
import { ObligationPage } from "./pages/shared/obligations/ObligationPage";
import { WebhooksPage } from "./pages/portal/webhooks/WebhooksPage";
import { OutboxPage } from "./pages/admin/outbox/OutboxPage";
import { DeliveryPage } from "./pages/admin/outbox/DeliveryPage";
import { SubprocessorsPage } from "./pages/admin/subprocessors/SubprocessorsPage";
import { NewSubprocessorPage } from "./pages/admin/subprocessors/NewSubprocessorPage";
import { SubprocessorPage } from "./pages/admin/subprocessors/SubprocessorPage";
import { AnnounceChangePage } from "./pages/admin/subprocessors/AnnounceChangePage";
import { ChangePage } from "./pages/admin/subprocessors/ChangePage";
import { PortalSubprocessorsPage } from "./pages/portal/subprocessors/PortalSubprocessorsPage";
import { PortalChangePage } from "./pages/portal/subprocessors/PortalChangePage";
import { TransfersPage } from "./pages/portal/TransfersPage";
import { TrustPage } from "./pages/public/TrustPage";
import { IncidentsPage } from "./pages/admin/incidents/IncidentsPage";
import { NewIncidentPage } from "./pages/admin/incidents/NewIncidentPage";
import { IncidentPage } from "./pages/admin/incidents/IncidentPage";
import { StaleContactsPage } from "./pages/admin/contacts/StaleContactsPage";
import { PortalBreachesPage } from "./pages/portal/breaches/PortalBreachesPage";
import { PortalBreachPage } from "./pages/portal/breaches/PortalBreachPage";
import { RegisterPage } from "./pages/admin/register/RegisterPage";
import { PortalRegisterPage } from "./pages/portal/register/PortalRegisterPage";
import { PortalEvidencePage } from "./pages/portal/evidence/PortalEvidencePage";
import { VerifyBundlePage } from "./pages/public/VerifyBundlePage";
import { LinkPage } from "./pages/accounts/LinkPage";
import { ForgotPasswordPage } from "./pages/accounts/ForgotPasswordPage";
import { UsersPage } from "./pages/accounts/UsersPage";
import { PortalCasesPage } from "./pages/portal/cases/PortalCasesPage";
import { NewCasePage } from "./pages/portal/cases/NewCasePage";
import { PortalCasePage } from "./pages/portal/cases/PortalCasePage";
import { CasesPage } from "./pages/admin/cases/CasesPage";
import { CasePage } from "./pages/admin/cases/CasePage";
import { BillingPage } from "./pages/admin/cases/BillingPage";
import { ConfirmPrivacyRequestPage, PrivacyRequestPage } from "./pages/public/PrivacyRequestPage";
import { PortalSubjectRequestPage, PortalSubjectRequestsPage } from "./pages/portal/subject-requests/PortalSubjectRequestsPage";
import { SubjectRequestsPage } from "./pages/admin/subject-requests/SubjectRequestsPage";
import { SubjectRequestPage } from "./pages/admin/subject-requests/SubjectRequestPage";
import { NewSubjectRequestPage } from "./pages/admin/subject-requests/NewSubjectRequestPage";
import { ConfidentialityPage } from "./pages/admin/access/ConfidentialityPage";
import { StatementVersionsPage } from "./pages/admin/access/StatementVersionsPage";
import { AccessLogPage } from "./pages/portal/access/AccessLogPage";
import { CustomerAccessLogPage } from "./pages/admin/access/CustomerAccessLogPage";
import { DisclosuresPage } from "./pages/admin/disclosures/DisclosuresPage";
import { NewDisclosurePage } from "./pages/admin/disclosures/NewDisclosurePage";
import { DisclosurePage } from "./pages/admin/disclosures/DisclosurePage";
import { PortalDisclosuresPage } from "./pages/portal/disclosures/PortalDisclosuresPage";
import { EndingsPage } from "./pages/admin/ending/EndingsPage";
import { EndingPage } from "./pages/admin/ending/EndingPage";
import { PortalEndingPage } from "./pages/portal/ending/PortalEndingPage";
import { PortalAuditsPage } from "./pages/portal/audits/PortalAuditsPage";
import { NewAuditPage } from "./pages/portal/audits/NewAuditPage";
import { PortalAuditPage } from "./pages/portal/audits/PortalAuditPage";
import { AuditsPage } from "./pages/admin/audits/AuditsPage";
import { AuditPage } from "./pages/admin/audits/AuditPage";
import { PortalClaimsPage, PortalDefaultNoticePage } from "./pages/portal/claims/PortalClaimsPage";
import { AdminDefaultNoticePage, ClaimsPage } from "./pages/admin/claims/ClaimsPage";
import { ClaimPage } from "./pages/admin/claims/ClaimPage";
import { FeeLedgerPage } from "./pages/admin/claims/FeeLedgerPage";

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<HomeRedirect />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/trust" element={<TrustPage />} />
          <Route path="/trust/verify" element={<VerifyBundlePage />} />
          <Route path="/privacy-request" element={<PrivacyRequestPage />} />
          <Route path="/privacy-request/confirm/:secret" element={<ConfirmPrivacyRequestPage />} />
          <Route path="/invite/:secret" element={<LinkPage purpose="invitation" />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password/:secret" element={<LinkPage purpose="password_reset" />} />
          <Route path="/portal" element={<PortalLayout />}>
            <Route index element={<PortalHomePage />} />
            <Route path="agreements/:id" element={<SignAgreementPage />} />
            <Route path="contact" element={<ContactPage />} />
            <Route path="notices" element={<NoticesPage area="portal" />} />
            <Route path="notices/:id" element={<NoticePage area="portal" />} />
            <Route path="obligations" element={<ObligationsPage area="portal" />} />
            <Route path="obligations/:id" element={<ObligationPage area="portal" />} />
            <Route path="webhooks" element={<WebhooksPage />} />
            <Route path="subprocessors" element={<PortalSubprocessorsPage />} />
            <Route path="subprocessors/changes/:id" element={<PortalChangePage />} />
            <Route path="transfers" element={<TransfersPage />} />
            <Route path="measures" element={<PortalMeasuresPage />} />
            <Route path="register" element={<PortalRegisterPage />} />
            <Route path="evidence" element={<PortalEvidencePage />} />
            <Route path="breaches" element={<PortalBreachesPage />} />
            <Route path="breaches/:id" element={<PortalBreachPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="users" element={<UsersPage kind="customer" />} />
            <Route path="cases" element={<PortalCasesPage />} />
            <Route path="cases/new" element={<NewCasePage />} />
            <Route path="cases/:id" element={<PortalCasePage />} />
            <Route path="subject-requests" element={<PortalSubjectRequestsPage />} />
            <Route path="subject-requests/:id" element={<PortalSubjectRequestPage />} />
            <Route path="access-log" element={<AccessLogPage />} />
            <Route path="disclosures" element={<PortalDisclosuresPage />} />
            <Route path="ending" element={<PortalEndingPage />} />
            <Route path="audits" element={<PortalAuditsPage />} />
            <Route path="audits/new" element={<NewAuditPage />} />
            <Route path="audits/:id" element={<PortalAuditPage />} />
            <Route path="claims" element={<PortalClaimsPage />} />
            <Route path="default-notices/:id" element={<PortalDefaultNoticePage />} />
            <Route path="*" element={<NotFoundInLayout />} />
          </Route>
          <Route path="/admin" element={<AdminLayout />}>
            <Route index element={<StaffHomePage />} />
            <Route path="customers" element={<CustomersPage />} />
            <Route path="customers/:id" element={<CustomerPage />} />
            <Route path="customers/:id/access-log" element={<CustomerAccessLogPage />} />
            <Route path="contacts" element={<StaleContactsPage />} />
            <Route path="agreements/:id" element={<AdminAgreementPage />} />
            <Route path="countersign" element={<CountersignQueuePage />} />
            <Route path="obligations" element={<ObligationsPage area="admin" />} />
            <Route path="obligations/:id" element={<ObligationPage area="admin" />} />
            <Route path="notices" element={<NoticesPage area="admin" />} />
            <Route path="notices/:id" element={<NoticePage area="admin" />} />
            <Route path="outbox" element={<OutboxPage />} />
            <Route path="outbox/:id" element={<DeliveryPage />} />
            <Route path="subprocessors" element={<SubprocessorsPage />} />
            <Route path="subprocessors/new" element={<NewSubprocessorPage />} />
            <Route path="subprocessors/changes/new" element={<AnnounceChangePage />} />
            <Route path="subprocessors/changes/:id" element={<ChangePage />} />
            <Route path="subprocessors/:id" element={<SubprocessorPage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/new" element={<NewIncidentPage />} />
            <Route path="incidents/:id" element={<IncidentPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="templates" element={<TemplatesPage />} />
            <Route path="templates/new" element={<NewTemplatePage />} />
            <Route path="processor" element={<ProcessorPage />} />
            <Route path="catalogue" element={<CataloguePage />} />
            <Route path="measures" element={<MeasuresPage />} />
            <Route path="measures/publish" element={<PublishAnnex2Page />} />
            <Route path="measures/:id" element={<MeasurePage />} />
            <Route path="staff" element={<UsersPage kind="staff" />} />
            <Route path="cases" element={<CasesPage />} />
            <Route path="cases/:id" element={<CasePage />} />
            <Route path="subject-requests" element={<SubjectRequestsPage />} />
            <Route path="subject-requests/new" element={<NewSubjectRequestPage />} />
            <Route path="subject-requests/:id" element={<SubjectRequestPage />} />
            <Route path="billable-items" element={<BillingPage />} />
            <Route path="confidentiality" element={<ConfidentialityPage />} />
            <Route path="confidentiality/versions" element={<StatementVersionsPage />} />
            <Route path="disclosures" element={<DisclosuresPage />} />
            <Route path="disclosures/new" element={<NewDisclosurePage />} />
            <Route path="disclosures/:id" element={<DisclosurePage />} />
            <Route path="endings" element={<EndingsPage />} />
            <Route path="endings/:id" element={<EndingPage />} />
            <Route path="audits" element={<AuditsPage />} />
            <Route path="audits/:id" element={<AuditPage />} />
            <Route path="claims" element={<ClaimsPage />} />
            <Route path="claims/:id" element={<ClaimPage />} />
            <Route path="default-notices/:id" element={<AdminDefaultNoticePage />} />
            <Route path="fee-ledger" element={<FeeLedgerPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="*" element={<NotFoundInLayout />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}

/** An unknown route inside the portal or back-office keeps its navigation. */
function NotFoundInLayout() {
  return <NotFound />;
}
