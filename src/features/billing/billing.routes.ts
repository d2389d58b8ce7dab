/** HTTP routes of money: policy, tariffs, subsidies, packs, charges, invoicing, payments, exports. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authenticated, rolesOnly } from '../../server/http/access.js';
import { sendDownload } from '../../server/http/download.js';
import { isKnownCode, messageOf } from '../../server/http/error-map.js';
import { inTransaction, userContextOf } from '../../server/http/request-context.js';
import {
  BillingSettings,
  BillingSettingsRequest,
  Charge,
  ChargeList,
  ChargeQuery,
  ChargeRequest,
  ClaimQuery,
  ClaimReport,
  CreditNoteRequest,
  ExportQuery,
  HourPack,
  HourPackItems,
  HourPackRequest,
  Invoice,
  InvoiceList,
  InvoiceParams,
  InvoiceQuery,
  InvoicingRunRequest,
  InvoicingRunResult,
  MachineParams,
  MemberQuery,
  OrgParams,
  Payment,
  PaymentList,
  PaymentQuery,
  PaymentRequest,
  PpnRateItems,
  PpnRateRequest,
  PricedItemItems,
  PricedItemRequest,
  Revenue,
  RevenueQuery,
  SiteParams,
  Statement,
  StatementQuery,
  Subsidy,
  SubsidyItems,
  SubsidyQuery,
  SubsidyRequest,
  TariffEndRequest,
  TariffItems,
  TariffParams,
  TariffRequest,
} from './billing.contract.js';
import * as svc from './billing.service.js';

const tags = ['billing'];
const translator = (req: FastifyRequest) => (code: string, details: Record<string, unknown>) =>
  isKnownCode(code) ? messageOf(code, req.locale, details) : code;

export function billingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const now = () => app.deps.clock.now();

  // Policy and PPN --------------------------------------------------------------------------------

  r.get('/api/sites/:id/billing-settings', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A site's billing policy (defaults until set)",
      params: SiteParams,
      response: { 200: BillingSettings },
    },
    handler: async (req) => svc.getSettings(db, req.params.id, userContextOf(req).actor),
  });
  r.put('/api/sites/:id/billing-settings', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        "Set a site's billing policy: PKP and NPWP, actual or booked time, rounding, no-show and late-cancellation fees, payment terms",
      params: SiteParams,
      body: BillingSettingsRequest,
      response: { 200: BillingSettings },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.updateSettings(trx, req.params.id, req.body, userContextOf(req)),
      ),
  });
  r.get('/api/ppn-rates', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'PPN rates in force by date (rate × DPP factor)',
      response: { 200: PpnRateItems },
    },
    handler: async () => svc.listPpnRates(db),
  });
  r.post('/api/ppn-rates', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Add a PPN rule from a date (a new regulation)',
      body: PpnRateRequest,
      response: { 201: PpnRateItems },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await inTransaction(req, (trx) => svc.addPpnRate(trx, req.body, userContextOf(req)))),
  });

  // Tariffs and items ----------------------------------------------------------------------------

  r.get('/api/machines/:id/tariffs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: "A machine's tariffs by basis, customer class and validity",
      params: MachineParams,
      response: { 200: TariffItems },
    },
    handler: async (req) => svc.listTariffs(db, req.params.id, userContextOf(req).actor),
  });
  r.post('/api/machines/:id/tariffs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Add a tariff; overlapping validity for the same basis and class is refused (tariff_overlap)',
      params: MachineParams,
      body: TariffRequest,
      response: { 201: TariffItems },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createTariff(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });
  r.post('/api/tariffs/:id/end', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'End a tariff on a date (its last valid day)',
      params: TariffParams,
      body: TariffEndRequest,
      response: { 200: TariffItems },
    },
    handler: async (req) =>
      inTransaction(req, (trx) =>
        svc.endTariff(trx, req.params.id, req.body.validTo, userContextOf(req)),
      ),
  });
  r.delete('/api/tariffs/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Delete a tariff that has not started yet',
      params: TariffParams,
      response: { 200: TariffItems },
    },
    handler: async (req) =>
      inTransaction(req, (trx) => svc.deleteTariff(trx, req.params.id, userContextOf(req))),
  });
  r.get('/api/sites/:id/priced-items', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Consumables and utilities a site sells (kWh, water, LPG…)',
      params: SiteParams,
      response: { 200: PricedItemItems },
    },
    handler: async (req) => svc.listItems(db, req.params.id, userContextOf(req).actor),
  });
  r.post('/api/sites/:id/priced-items', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Add a priced item',
      params: SiteParams,
      body: PricedItemRequest,
      response: { 201: PricedItemItems },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.createItem(trx, req.params.id, req.body, userContextOf(req)),
          ),
        ),
  });

  // Subsidies and packs --------------------------------------------------------------------------

  r.get('/api/subsidies', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Programme subsidies you may see',
      querystring: SubsidyQuery,
      response: { 200: SubsidyItems },
    },
    handler: async (req) => svc.listSubsidies(db, req.query, userContextOf(req).actor),
  });
  r.post('/api/subsidies', {
    config: { access: rolesOnly('administrator') },
    schema: {
      tags,
      summary: 'Add a subsidy funded by a programme',
      body: SubsidyRequest,
      response: { 201: Subsidy },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) => svc.createSubsidy(trx, req.body, userContextOf(req))),
        ),
  });
  r.get('/api/subsidies/:id/claim', {
    config: { access: rolesOnly('administrator', 'programme_officer') },
    schema: {
      tags,
      summary: 'The claim of a subsidy for a month, with the usage lines behind it (JSON or XLSX)',
      params: InvoiceParams,
      querystring: ClaimQuery,
      response: { 200: ClaimReport },
    },
    handler: async (req, reply) => {
      const report = await svc.claimReport(
        db,
        req.params.id,
        req.query.month,
        userContextOf(req).actor,
      );
      if (req.query.format === 'xlsx')
        return sendDownload(
          reply,
          `klaim-subsidi-${req.query.month}`,
          'xlsx',
          await svc.claimXlsx(report),
        );
      return report;
    },
  });
  r.get('/api/hour-packs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Prepaid hour packs you may see, with minutes used',
      querystring: MemberQuery,
      response: { 200: HourPackItems },
    },
    handler: async (req) => svc.listPacks(db, req.query, userContextOf(req).actor),
  });
  r.post('/api/hour-packs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Sell a prepaid hour pack to a member (billed on the next invoice)',
      body: HourPackRequest,
      response: { 201: HourPack },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await inTransaction(req, (trx) => svc.sellPack(trx, req.body, userContextOf(req)))),
  });

  // Charges and invoicing ------------------------------------------------------------------------

  r.get('/api/charges', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Charges (what is owed before invoicing), newest first',
      querystring: ChargeQuery,
      response: { 200: ChargeList },
    },
    handler: async (req) => svc.listCharges(db, req.query, userContextOf(req).actor),
  });
  r.post('/api/charges', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Charge a priced item (e.g. 12.5 kWh) or an adjustment to a member',
      body: ChargeRequest,
      response: { 201: Charge },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await inTransaction(req, (trx) => svc.addCharge(trx, req.body, userContextOf(req)))),
  });
  r.post('/api/sites/:id/invoicing-runs', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'The month-end run: charge machine use up to the month end and issue one invoice per member (dryRun: preview, nothing written)',
      params: SiteParams,
      body: InvoicingRunRequest,
      response: { 200: InvoicingRunResult },
    },
    handler: async (req) =>
      svc.runInvoicing(db, req.params.id, req.body, userContextOf(req), translator(req)),
  });

  // Invoices -------------------------------------------------------------------------------------

  r.get('/api/invoices', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Invoices and credit notes you may see, newest first',
      querystring: InvoiceQuery,
      response: { 200: InvoiceList },
    },
    handler: async (req) => svc.browseInvoices(db, req.query, userContextOf(req).actor, now()),
  });
  r.get('/api/invoices/:id', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'One invoice with its lines, payments and status',
      params: InvoiceParams,
      response: { 200: Invoice },
    },
    handler: async (req) => svc.getInvoice(db, req.params.id, userContextOf(req).actor, now()),
  });
  r.get('/api/invoices/:id/pdf', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'The invoice as a PDF (Indonesian, letterhead, NPWP, terbilang)',
      params: InvoiceParams,
    },
    handler: async (req, reply) => {
      const { number, bytes } = await svc.invoicePdf(
        db,
        req.params.id,
        userContextOf(req).actor,
        now(),
      );
      return sendDownload(reply, number.replace(/\//g, '-'), 'pdf', bytes);
    },
  });
  r.post('/api/invoices/:id/credit-note', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Correct an issued invoice with a credit note for all of it',
      params: InvoiceParams,
      body: CreditNoteRequest,
      response: { 201: Invoice },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) =>
            svc.creditInvoice(trx, req.params.id, req.body.reason, userContextOf(req)),
          ),
        ),
  });

  // Payments and statements ----------------------------------------------------------------------

  r.post('/api/payments', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        'Record a payment (cash, transfer, virtual account, QRIS) and allocate it (default: oldest invoices first)',
      body: PaymentRequest,
      response: { 201: Payment },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await inTransaction(req, (trx) => svc.recordPayment(trx, req.body, userContextOf(req))),
        ),
  });
  r.get('/api/payments', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Payments you may see, newest first',
      querystring: PaymentQuery,
      response: { 200: PaymentList },
    },
    handler: async (req) => svc.browsePayments(db, req.query, userContextOf(req).actor),
  });
  r.get('/api/organisations/:id/statement', {
    config: { access: authenticated },
    schema: {
      tags,
      summary:
        "A member's statement: opening balance, invoices, credit notes, payments, closing balance",
      params: OrgParams,
      querystring: StatementQuery,
      response: { 200: Statement },
    },
    handler: async (req) => svc.statement(db, req.params.id, req.query, userContextOf(req).actor),
  });

  // Exports and reports --------------------------------------------------------------------------

  r.get('/api/exports/invoices', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Invoices and credit notes for the accounts (CSV or XLSX)',
      querystring: ExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        `faktur-${req.query.from}-${req.query.to}`,
        req.query.format,
        await svc.exportInvoices(db, req.query, userContextOf(req).actor, now()),
      ),
  });
  r.get('/api/exports/payments', {
    config: { access: authenticated },
    schema: { tags, summary: 'Payments for the accounts (CSV or XLSX)', querystring: ExportQuery },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        `pembayaran-${req.query.from}-${req.query.to}`,
        req.query.format,
        await svc.exportPayments(db, req.query, userContextOf(req).actor),
      ),
  });
  r.get('/api/reports/revenue', {
    config: { access: authenticated },
    schema: {
      tags,
      summary: 'Monthly revenue by site and machine (JSON, CSV or XLSX)',
      querystring: RevenueQuery,
      response: { 200: Revenue },
    },
    handler: async (req, reply) => {
      const report = await svc.revenueReport(db, req.query, userContextOf(req).actor);
      if (req.query.format === 'json') return report;
      return sendDownload(
        reply,
        `pendapatan-${req.query.year}`,
        req.query.format,
        await svc.revenueTable(report, req.query.format),
      );
    },
  });
}
