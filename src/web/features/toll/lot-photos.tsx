/**
 * Photos of a lot (sacks, labels, the material's condition at intake): a gallery for whoever
 * reads the lot; site staff take or choose photos (on a phone the camera opens straight away)
 * and remove them. The same gallery prints on the intake receipt, without the controls.
 * Files are checked here first (type, size) and again by the API by their bytes.
 */
import { useRef, useState } from 'react';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { UploadProgress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey, Params } from '../../i18n/translate.js';
import { MAX_LOT_PHOTOS, type LotPhoto } from '../../lib/contracts.js';
import { fileProblem, IMAGE_TYPES } from '../../lib/file-check.js';
import { formatFileSize } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { asApiError, type ApiClient } from '../../lib/api.js';
import { useUpload } from '../../lib/use-upload.js';
import { lotApi, type LotT } from './types.js';

/** The API's limit for one photo (files.ts MAX_PHOTO_BYTES). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const photoRule = { types: IMAGE_TYPES, maxBytes: PHOTO_MAX_BYTES };
type Translate = (key: MessageKey, params?: Params) => string;

export const lotPhotosApi = (lotId: string) => `${lotApi(lotId)}/photos`;
export const lotPhotoUrl = (lotId: string, photoId: string) =>
  `${lotPhotosApi(lotId)}/${encodeURIComponent(photoId)}/file`;

interface PhotoList {
  items: LotPhoto[];
  canEdit: boolean;
}

/** The file input that opens the phone's rear camera (or the file picker on a computer). */
export function PhotoInput({
  onFiles,
  multiple = false,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <label className="field">
      <span className="field-label">{t('photos.take')}</span>
      <input
        ref={input}
        type="file"
        name="photos"
        accept="image/*"
        capture="environment"
        multiple={multiple}
        disabled={disabled}
        data-testid="photo-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (input.current) input.current.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <span className="field-hint">
        {t('photos.hint', {
          size: formatFileSize(PHOTO_MAX_BYTES, locale),
          max: MAX_LOT_PHOTOS,
        })}
      </span>
    </label>
  );
}

/** The first problem of chosen photos (type, size), or null when all may be sent. */
export function photosProblem(files: readonly File[], t: Translate, locale: 'id' | 'en') {
  for (const f of files) {
    const problem = fileProblem(f, photoRule, t, formatFileSize(PHOTO_MAX_BYTES, locale));
    if (problem) return `${f.name}: ${problem}`;
  }
  return null;
}

/** Sends photos one by one; how many the API refused, and its last answer in words. */
export async function sendPhotos(api: ApiClient, lotId: string, files: readonly File[]) {
  let failed = 0;
  let reason: string | null = null;
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api.upload<LotPhoto>(lotPhotosApi(lotId), form);
    } catch (caught) {
      failed++;
      reason = asApiError(caught).message;
    }
  }
  return { failed, reason };
}

export function LotPhotosSection({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const photos = useResource<PhotoList>(lotPhotosApi(lot.id));
  const upload = useUpload();
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useSubmit(async (photo: LotPhoto) => {
    await api.delete(`${lotPhotosApi(lot.id)}/${encodeURIComponent(photo.id)}`);
    photos.reload();
  });
  const add = async (files: File[]) => {
    const bad = photosProblem(files, t, locale);
    setProblem(bad);
    if (bad) return;
    for (const file of files) {
      const form = new FormData();
      form.append('file', file, file.name);
      if (!(await upload.send<LotPhoto>(lotPhotosApi(lot.id), form))) break;
    }
    photos.reload();
  };
  return (
    <Section title={t('photos.title')} testId="lot-photos">
      <ErrorBanner error={remove.error ?? upload.error} />
      <Loaded resource={photos}>
        {(p) => (
          <>
            <PhotoGallery lot={lot} photos={p.items} onRemove={p.canEdit ? remove.submit : null} />
            {p.canEdit && p.items.length < MAX_LOT_PHOTOS && (
              <div className="form no-print">
                <PhotoInput multiple disabled={upload.pending} onFiles={(f) => void add(f)} />
                {problem && (
                  <p className="field-error" role="alert">
                    {problem}
                  </p>
                )}
                <UploadProgress pending={upload.pending} fraction={upload.fraction} />
              </div>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

/** The photos as thumbnails (also on the printed receipt); staff may remove them on screen. */
export function PhotoGallery({
  lot,
  photos,
  onRemove,
}: {
  lot: LotT;
  photos: readonly LotPhoto[];
  onRemove: ((photo: LotPhoto) => unknown) | null;
}) {
  const { t } = useI18n();
  if (photos.length === 0)
    return (
      <p className="muted" data-testid="photos-empty">
        {t('photos.empty')}
      </p>
    );
  return (
    <ul className="gallery" data-testid="lot-photo-gallery">
      {photos.map((photo, i) => (
        <li key={photo.id}>
          <figure>
            <img
              src={lotPhotoUrl(lot.id, photo.id)}
              alt={t('photos.alt', { n: i + 1, code: lot.code })}
              loading="lazy"
            />
          </figure>
          {onRemove && (
            <button
              type="button"
              className="button-danger no-print"
              onClick={() => {
                if (window.confirm(t('photos.removeConfirm'))) void onRemove(photo);
              }}
            >
              {t('action.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The receipt's photos (printed): only when there are any. */
export function ReceiptPhotos({ lot }: { lot: LotT }) {
  const { t } = useI18n();
  const photos = useResource<PhotoList>(lotPhotosApi(lot.id));
  const items = photos.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="receipt-photos" data-testid="receipt-photos">
      <h3>{t('photos.title')}</h3>
      <PhotoGallery lot={lot} photos={items} onRemove={null} />
    </section>
  );
}
