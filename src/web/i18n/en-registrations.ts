/** English for UMKM self-registration; the keys are those of id-registrations.ts. */
import type { idRegistrations } from './id-registrations.js';

export const enRegistrations: Record<keyof typeof idRegistrations, string> = {
  'nav.registrations': 'Registrations',

  'login.registerLead': 'Is your business not in RPB yet?',
  'login.register': 'Register as a UMKM member',

  'register.title': 'Register as a UMKM member',
  'register.lead':
    "Register your business and choose the RPB site you want to use. The site's management checks your details before you become a member.",
  'register.backToLogin': 'Back to login',
  'register.kbli.legend': 'Business lines (KBLI 2020)',
  'register.kbli.search': 'Search KBLI code or name',
  'register.kbli.searchHint':
    'Type the start of a code (e.g. 1073) or part of a name (e.g. cocoa), then pick from the list. At least one code.',
  'register.kbli.chosen': 'Chosen KBLI codes',
  'register.kbli.none': 'No KBLI code chosen yet.',
  'register.kbli.picked': 'Chosen',
  'register.site.legend': 'The site you want to join',
  'register.field.site': 'Site',
  'register.field.siteChoose': 'Choose a site',
  'register.field.siteHint': "This site's management checks and approves your registration.",
  'register.sitesEmpty': 'There is no RPB site to choose yet. Try again later.',
  'register.person.legend': 'Your account',
  'register.field.applicantName': 'Your name',
  'register.field.applicantEmail': 'Login e-mail',
  'register.field.applicantEmailHint':
    'Used to log in to RPB and to receive news about this registration.',
  'register.field.confirmPassword': 'Repeat the password',
  'register.submit': 'Send registration',
  'register.submitting': 'Sending…',
  'register.done.title': 'Registration sent',
  'register.done.body':
    "The registration of {organisation} at {site} waits for the site management's approval. You can already log in with {email} and your password to see its status; the decision is also sent to that e-mail.",
  'register.done.login': 'Log in',

  'myRegistration.title': 'Your registration',
  'myRegistration.pending':
    "The registration of {organisation} at {site} waits for the site management's approval.",
  'myRegistration.pendingBody':
    "Once approved you become a UMKM member of this site and can open your business's profile. The decision is sent to your e-mail.",
  'myRegistration.approved': 'The registration of {organisation} at {site} has been approved.',
  'myRegistration.approvedBody': "Reload this page to open your business's profile.",
  'myRegistration.rejected': 'The registration of {organisation} at {site} was rejected.',
  'myRegistration.reason': 'Reason: {reason}',
  'myRegistration.submittedAt': 'Sent {time}',

  'registrations.title': 'Member registrations',
  'registrations.lead':
    'UMKM that registered themselves to become members of your site. Check their details, then approve or reject.',
  'registrations.status': 'Status',
  'registrations.status.pending': 'Waiting',
  'registrations.status.approved': 'Approved',
  'registrations.status.rejected': 'Rejected',
  'registrations.empty.pending': 'No registration is waiting',
  'registrations.empty.decided': 'No registration with this status yet',
  'registrations.empty.body':
    'New registrations appear here, and every manager of the site gets an e-mail about them.',
  'registrations.site': 'Site',
  'registrations.applicant': 'Applicant',
  'registrations.submittedAt': 'Sent',
  'registrations.kbli': 'KBLI',
  'registrations.decided': 'Decided {time} by {by}',
  'registrations.approve': 'Approve',
  'registrations.reject': 'Reject',
  'registrations.rejectReason': 'Reason for rejection',
  'registrations.rejectReasonHint': 'Sent to the applicant by e-mail.',
  'registrations.rejectConfirm': 'Reject registration',
  'registrations.approvedNotice': '{organisation} is now a member of {site}.',
  'registrations.rejectedNotice': 'The registration of {organisation} was rejected.',
};
