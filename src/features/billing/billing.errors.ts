/** Error codes of money (tariffs, subsidies, invoicing, payments), with their messages. */
import { errorsOf } from '../../server/domain-error.js';

export const billingErrors = {
  tariff_overlap: {
    id: 'Tarif {basisLabel} untuk {classLabel} sudah berlaku pada sebagian periode itu ({otherFrom}–{otherTo}). Akhiri tarif lama lebih dulu.',
    en: 'A tariff {basisLabel} for {classLabel} already applies during part of that period ({otherFrom}–{otherTo}). End the old tariff first.',
  },
  tariff_not_found: { id: 'Tarif tidak ditemukan.', en: 'Tariff not found.' },
  tariff_in_use: {
    id: 'Tarif yang sudah mulai berlaku tidak bisa dihapus; akhiri masa berlakunya.',
    en: 'A tariff that has started cannot be deleted; end its validity instead.',
  },
  priced_item_overlap: {
    id: 'Barang/utilitas {code} sudah punya harga pada sebagian periode itu.',
    en: 'Item {code} already has a price during part of that period.',
  },
  priced_item_not_found: { id: 'Barang/utilitas tidak ditemukan.', en: 'Priced item not found.' },
  period_invalid: {
    id: 'Tanggal akhir harus sama dengan atau setelah tanggal mulai.',
    en: 'The end date must be on or after the start date.',
  },
  npwp_required_for_pkp: {
    id: 'Lokasi PKP wajib mencantumkan NPWP penjual.',
    en: 'A PKP site must state the seller’s NPWP.',
  },
  subsidy_not_found: { id: 'Subsidi tidak ditemukan.', en: 'Subsidy not found.' },
  programme_not_found_for_subsidy: {
    id: 'Program tidak ditemukan atau di luar wewenang Anda.',
    en: 'Programme not found or outside your scope.',
  },
  not_a_member: {
    id: 'Organisasi ini bukan anggota lokasi tersebut.',
    en: 'This organisation is not a member of that site.',
  },
  invoice_not_found: { id: 'Faktur tidak ditemukan.', en: 'Invoice not found.' },
  invoice_already_credited: {
    id: 'Faktur {number} sudah dikoreksi dengan nota kredit.',
    en: 'Invoice {number} has already been corrected by a credit note.',
  },
  credit_note_of_credit_note: {
    id: 'Nota kredit tidak bisa dikoreksi dengan nota kredit lagi.',
    en: 'A credit note cannot be credited again.',
  },
  credit_note_after_payment: {
    id: 'Faktur {number} sudah dibayar sebagian atau penuh; batalkan alokasi pembayaran lebih dulu.',
    en: 'Invoice {number} is partly or fully paid; remove the payment allocation first.',
  },
  invoicing_month_open: {
    id: 'Bulan {month} belum berakhir di lokasi ini; tagihan bulan berjalan bisa dipratinjau, belum bisa diterbitkan.',
    en: 'The month {month} has not ended at this site; the current month can be previewed but not issued yet.',
  },
  payment_reference_required: {
    id: 'Nomor referensi wajib untuk pembayaran selain tunai.',
    en: 'A reference is required for payments other than cash.',
  },
  payment_reference_taken: {
    id: 'Referensi {reference} sudah dicatat untuk metode ini.',
    en: 'The reference {reference} has already been recorded for this method.',
  },
  allocation_exceeds_payment: {
    id: 'Jumlah alokasi ({allocated}) melebihi pembayaran ({amount}).',
    en: 'The allocations ({allocated}) exceed the payment ({amount}).',
  },
  allocation_exceeds_outstanding: {
    id: 'Alokasi ke faktur {number} melebihi sisa tagihan ({outstanding}).',
    en: 'The allocation to invoice {number} exceeds what it still owes ({outstanding}).',
  },
  allocation_wrong_invoice: {
    id: 'Faktur {number} bukan milik anggota ini di lokasi ini.',
    en: 'Invoice {number} does not belong to this member at this site.',
  },
  no_tariff: {
    id: 'Belum ada tarif {basisLabel} untuk {classLabel} pada {date}; pemakaian ini belum bisa ditagih.',
    en: 'No tariff {basisLabel} for {classLabel} on {date}; this use cannot be billed yet.',
  },
} as const;

export const billingError = errorsOf(billingErrors);
export type BillingErrorCode = keyof typeof billingErrors;
