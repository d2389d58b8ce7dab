/** Error codes of programmes and investments, with their messages. */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const programmesErrors = {
  programme_not_found: {
    id: 'Program tidak ditemukan.',
    en: 'Programme not found.',
  },
  programme_code_taken: {
    id: 'Kode program {code} sudah dipakai.',
    en: 'The programme code {code} is already in use.',
  },
  investment_exceeds_budget: {
    id: 'Investasi Rp{amountText} melampaui sisa pagu program (Rp{remainingText}).',
    en: 'The investment of Rp{amountText} exceeds the remaining programme budget (Rp{remainingText}).',
  },
  budget_below_realisation: {
    id: 'Pagu tidak boleh lebih kecil dari realisasi yang sudah tercatat (Rp{realisationText}).',
    en: 'The budget cannot be below the realisation already recorded (Rp{realisationText}).',
  },
  investment_site_not_found: {
    id: 'Lokasi {siteId} untuk investasi tidak ditemukan.',
    en: 'Site {siteId} of the investment not found.',
  },
  investment_machine_not_found: {
    id: 'Mesin {machineId} untuk investasi tidak ditemukan.',
    en: 'Machine {machineId} of the investment not found.',
  },
  investment_machine_kind: {
    id: 'Investasi yang menyebut mesin harus berjenis "machine".',
    en: 'An investment naming a machine must be of kind "machine".',
  },
  investment_site_mismatch: {
    id: 'Mesin tersebut tidak berada di lokasi yang disebut.',
    en: 'That machine is not at the site named.',
  },
} satisfies ErrorCatalogue;

export const programmesError = errorsOf(programmesErrors);
