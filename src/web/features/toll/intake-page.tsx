/**
 * /lots/intake — "Penerimaan bahan": site staff receive a member's own material into the site's
 * custody (maklon). The lot gets its code from the API (site, date in the site's zone, kind,
 * sequence) and waits in quarantine when an incoming inspection plan covers the product.
 * Photos of the sacks can be taken with the phone's camera on the form; they are sent once the
 * lot exists (and more can be added on the next screen). Once received, the page offers the printable receipt (signed by both sides) and the lot label with
 * its QR code, and the next intake starts from the same site and owner.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { useApi, useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Progress } from '../../components/progress.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { IntakeRequest, MAX_LOT_PHOTOS, type OrganisationSummary } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useSubmit } from '../../lib/use-submit.js';
import { SiteSelect } from '../organisations/site-select.js';
import { LotPhotosSection, PhotoInput, photosProblem, sendPhotos } from './lot-photos.js';
import { useProductName } from './lot-status.js';
import { ProductOptions, useProductTypes } from './product-types.js';
import { formatKg, parseDecimalInput } from './quantity.js';
import { QuantityField } from './quantity-field.js';
import { useSiteZones } from './site-zone.js';
import {
  isAdministrator,
  labelPath,
  lotPath,
  receiptPath,
  staffSiteIds,
  type LotT,
} from './types.js';

type IntakeBody = z.output<typeof IntakeRequest>;

export function IntakePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { sites } = useSiteZones();
  const mine = staffSiteIds(user.grants);
  const admin = isAdministrator(user.grants);
  const own = { ...sites, items: sites.items.filter((s) => admin || mine.includes(s.id)) };
  const [chosen, setChosen] = useState('');
  const siteId = chosen || (own.items.length === 1 ? own.items[0]!.id : '');
  const [received, setReceived] = useState<LotT | null>(null);
  const [photoFailure, setPhotoFailure] = useState<{ failed: number; reason: string | null }>();
  const [ownerOrgId, setOwnerOrgId] = useState('');

  return (
    <Page title={t('intake.title')} lead={t('intake.lead')}>
      {received ? (
        <Received
          lot={received}
          photoFailure={photoFailure}
          onAnother={() => {
            setOwnerOrgId(received.ownerOrgId ?? '');
            setReceived(null);
          }}
        />
      ) : !sites.loading && own.items.length === 0 ? (
        <EmptyState title={t('intake.noSite.title')}>{t('intake.noSite.body')}</EmptyState>
      ) : (
        <Section title={t('intake.section')} testId="intake-section">
          {own.items.length > 1 && (
            <div className="form">
              <SiteSelect
                sites={own}
                label={t('toll.field.site')}
                name="siteId"
                value={siteId}
                onChange={setChosen}
                emptyOption={{ label: t('toll.chooseSite'), selectable: false }}
              />
            </div>
          )}
          {siteId && (
            <IntakeForm
              key={siteId}
              siteId={siteId}
              ownerOrgId={ownerOrgId}
              onOwner={setOwnerOrgId}
              onReceived={(lot, photos) => {
                setPhotoFailure(photos.failed > 0 ? photos : undefined);
                setReceived(lot);
                document.getElementById('main')?.scrollIntoView?.();
              }}
            />
          )}
        </Section>
      )}
    </Page>
  );
}

function IntakeForm({
  siteId,
  ownerOrgId,
  onOwner,
  onReceived,
}: {
  siteId: string;
  ownerOrgId: string;
  onOwner: (id: string) => void;
  onReceived: (lot: LotT, photos: { failed: number; reason: string | null }) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [photos, setPhotos] = useState<File[]>([]);
  const [sendingPhotos, setSendingPhotos] = useState(false);
  const productTypes = useProductTypes();
  const members = useCursorList<OrganisationSummary>('/api/organisations', {
    siteId,
    limit: 200,
  });
  const [productType, setProductType] = useState('');
  const [quantity, setQuantity] = useState('');
  const [moisture, setMoisture] = useState('');
  const [grade, setGrade] = useState('');
  const [notes, setNotes] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submission = useSubmit(async (body: IntakeBody) => {
    const lot = await api.post<LotT>('/api/lots/intake', body);
    setSendingPhotos(true);
    const sent = await sendPhotos(api, lot.id, photos);
    setSendingPhotos(false);
    onReceived(lot, sent);
  }, IntakeRequest);
  const errors = { ...submission.fieldErrors, ...localErrors };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const kg = parseDecimalInput(quantity);
    const water = parseDecimalInput(moisture);
    const bad: Record<string, string> = {};
    if (kg === 'invalid') bad['quantityKg'] = t('toll.number.invalid');
    if (water === 'invalid') bad['moisturePercent'] = t('toll.number.invalid');
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    await submission.submit({
      siteId,
      ownerOrgId,
      productType,
      quantityKg: kg ?? undefined,
      moisturePercent: water === null ? null : water,
      grade: grade.trim() || null,
      notes: notes.trim() || null,
    });
  };

  return (
    <form
      className="form"
      noValidate
      data-testid="intake-form"
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorBanner error={submission.error} />
      <SelectField
        label={t('toll.field.owner')}
        name="ownerOrgId"
        value={ownerOrgId}
        onChange={(event) => onOwner(event.target.value)}
        error={errors['ownerOrgId'] ?? members.error?.message}
        hint={members.loading ? t('state.loading') : t('intake.ownerHint')}
        liveHint
      >
        <option value="" disabled>
          {t('toll.chooseOwner')}
        </option>
        {members.items.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('toll.field.product')}
        name="productType"
        value={productType}
        onChange={(event) => setProductType(event.target.value)}
        error={errors['productType']}
      >
        <option value="" disabled>
          {t('toll.chooseProduct')}
        </option>
        <ProductOptions types={productTypes} />
      </SelectField>
      <QuantityField
        label={t('toll.field.quantity')}
        unit="kg"
        name="quantityKg"
        value={quantity}
        onChange={setQuantity}
        error={errors['quantityKg']}
        hint={t('intake.quantityHint')}
      />
      <div className="form-row">
        <QuantityField
          label={t('toll.field.moisture')}
          unit="%"
          name="moisturePercent"
          value={moisture}
          onChange={setMoisture}
          groupedDots={false}
          error={errors['moisturePercent']}
        />
        <TextField
          label={t('toll.field.grade')}
          name="grade"
          value={grade}
          maxLength={60}
          onChange={(event) => setGrade(event.target.value)}
          error={errors['grade']}
          hint={t('intake.gradeHint')}
        />
      </div>
      <Field label={t('toll.field.notes')} error={errors['notes']}>
        {(control) => (
          <textarea
            name="notes"
            rows={2}
            maxLength={1000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <PhotoInput
        multiple
        onFiles={(files) => {
          const problem = photosProblem(files, t, locale);
          setLocalErrors(({ photos: _old, ...rest }) =>
            problem ? { ...rest, photos: problem } : rest,
          );
          if (!problem) setPhotos((all) => [...all, ...files].slice(0, MAX_LOT_PHOTOS));
        }}
      />
      {errors['photos'] && (
        <p className="field-error" role="alert">
          {errors['photos']}
        </p>
      )}
      {photos.length > 0 && (
        <p className="field-hint" data-testid="intake-photos-chosen">
          {t('intake.photos.chosen', { count: photos.length })}{' '}
          <button type="button" className="button-link" onClick={() => setPhotos([])}>
            {t('action.remove')}
          </button>
        </p>
      )}
      {sendingPhotos && <Progress label={t('upload.busy')} fraction={null} />}
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('intake.submit')}
          pendingLabel={t('action.saving')}
          className="button-large"
        />
      </div>
    </form>
  );
}

function Received({
  lot,
  photoFailure,
  onAnother,
}: {
  lot: LotT;
  photoFailure: { failed: number; reason: string | null } | undefined;
  onAnother: () => void;
}) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  return (
    <Section title={t('intake.done.title')} testId="intake-done">
      <SuccessBanner>
        {t('intake.done.body', {
          product: productName(lot.productType, lot.productName),
          kg: formatKg(lot.quantityKg, locale),
          owner: lot.ownerName ?? '—',
        })}
      </SuccessBanner>
      <p className="lot-code-big" data-testid="intake-lot-code">
        {lot.code}
      </p>
      {photoFailure && (
        <p className="field-error" role="alert" data-testid="intake-photos-failed">
          {t('intake.photos.failed', {
            count: photoFailure.failed,
            reason: photoFailure.reason ?? '—',
          })}
        </p>
      )}
      <LotPhotosSection lot={lot} />
      <div className="button-row">
        <Link to={receiptPath(lot.id)} className="link-button" data-testid="open-receipt">
          {t('intake.done.receipt')}
        </Link>
        <Link
          to={labelPath(lot.id)}
          className="link-button link-button-secondary"
          data-testid="open-label"
        >
          {t('intake.done.label')}
        </Link>
        <Link
          to={lotPath(lot.id)}
          className="link-button link-button-secondary"
          data-testid="open-lot"
        >
          {t('intake.done.lot')}
        </Link>
        <button
          type="button"
          className="button-secondary"
          onClick={onAnother}
          data-testid="intake-another"
        >
          {t('intake.done.another')}
        </button>
      </div>
    </Section>
  );
}
