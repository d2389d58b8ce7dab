/**
 * Bahasa Indonesia for UMKM self-registration (the public form, the applicant's status and
 * the managers' "Pendaftaran" page), spread into id.ts: one list of keys, kept in its own file.
 */
export const idRegistrations = {
  'nav.registrations': 'Pendaftaran',

  'login.registerLead': 'Usaha Anda belum terdaftar di RPB?',
  'login.register': 'Daftar sebagai anggota UMKM',

  'register.title': 'Daftar sebagai anggota UMKM',
  'register.lead':
    'Daftarkan usaha Anda dan pilih situs RPB yang ingin Anda gunakan. Pengelola situs memeriksa data Anda sebelum Anda menjadi anggota.',
  'register.backToLogin': 'Kembali ke halaman masuk',
  'register.kbli.legend': 'Bidang usaha (KBLI 2020)',
  'register.kbli.search': 'Cari kode atau nama KBLI',
  'register.kbli.searchHint':
    'Ketik awal kode (mis. 1073) atau sebagian nama (mis. kakao), lalu pilih dari daftar. Paling sedikit satu kode.',
  'register.kbli.chosen': 'KBLI yang dipilih',
  'register.kbli.none': 'Belum ada kode KBLI yang dipilih.',
  'register.kbli.picked': 'Sudah dipilih',
  'register.site.legend': 'Situs yang ingin Anda ikuti',
  'register.field.site': 'Situs',
  'register.field.siteChoose': 'Pilih situs',
  'register.field.siteHint': 'Pengelola situs ini yang memeriksa dan menyetujui pendaftaran Anda.',
  'register.sitesEmpty': 'Belum ada situs RPB yang dapat dipilih. Coba lagi nanti.',
  'register.person.legend': 'Akun Anda',
  'register.field.applicantName': 'Nama Anda',
  'register.field.applicantEmail': 'E-mail untuk masuk',
  'register.field.applicantEmailHint':
    'Dipakai untuk masuk ke RPB dan menerima kabar tentang pendaftaran ini.',
  'register.field.confirmPassword': 'Ulangi kata sandi',
  'register.submit': 'Kirim pendaftaran',
  'register.submitting': 'Mengirim…',
  'register.done.title': 'Pendaftaran terkirim',
  'register.done.body':
    'Pendaftaran {organisation} di {site} menunggu persetujuan pengelola situs. Anda sudah dapat masuk dengan e-mail {email} dan kata sandi Anda untuk melihat statusnya; keputusan juga dikirim ke e-mail tersebut.',
  'register.done.login': 'Masuk',

  'myRegistration.title': 'Pendaftaran Anda',
  'myRegistration.pending':
    'Pendaftaran {organisation} di {site} menunggu persetujuan pengelola situs.',
  'myRegistration.pendingBody':
    'Setelah disetujui, Anda menjadi anggota UMKM situs ini dan dapat membuka profil usaha Anda. Keputusan dikirim ke e-mail Anda.',
  'myRegistration.approved': 'Pendaftaran {organisation} di {site} telah disetujui.',
  'myRegistration.approvedBody': 'Muat ulang halaman ini untuk membuka profil usaha Anda.',
  'myRegistration.rejected': 'Pendaftaran {organisation} di {site} ditolak.',
  'myRegistration.reason': 'Alasan: {reason}',
  'myRegistration.submittedAt': 'Dikirim {time}',

  'registrations.title': 'Pendaftaran anggota',
  'registrations.lead':
    'UMKM yang mendaftar sendiri untuk menjadi anggota situs Anda. Periksa datanya, lalu setujui atau tolak.',
  'registrations.status': 'Status',
  'registrations.status.pending': 'Menunggu',
  'registrations.status.approved': 'Disetujui',
  'registrations.status.rejected': 'Ditolak',
  'registrations.empty.pending': 'Tidak ada pendaftaran yang menunggu',
  'registrations.empty.decided': 'Belum ada pendaftaran dengan status ini',
  'registrations.empty.body':
    'Pendaftaran baru muncul di sini, dan setiap manajer situs menerima e-mail tentangnya.',
  'registrations.site': 'Situs',
  'registrations.applicant': 'Pendaftar',
  'registrations.submittedAt': 'Dikirim',
  'registrations.kbli': 'KBLI',
  'registrations.decided': 'Diputuskan {time} oleh {by}',
  'registrations.approve': 'Setujui',
  'registrations.reject': 'Tolak',
  'registrations.rejectReason': 'Alasan penolakan',
  'registrations.rejectReasonHint': 'Dikirim ke pendaftar lewat e-mail.',
  'registrations.rejectConfirm': 'Tolak pendaftaran',
  'registrations.approvedNotice': '{organisation} kini anggota {site}.',
  'registrations.rejectedNotice': 'Pendaftaran {organisation} ditolak.',
} satisfies Record<string, string>;
