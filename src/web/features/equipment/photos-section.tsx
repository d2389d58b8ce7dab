/** A machine's photos as a gallery; managers add (with progress) and remove them. */
import { useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { UploadProgress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { fileProblem, IMAGE_TYPES } from '../../lib/file-check.js';
import { formatFileSize } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { useUpload } from '../../lib/use-upload.js';
import { machinePath, type MachinePhotoT, type MachineT } from './types.js';

const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export function PhotosSection({ machine, canEdit }: { machine: MachineT; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const base = `${machinePath(machine.id)}/photos`;
  const photos = useResource<{ items: MachinePhotoT[] }>(base);
  const upload = useUpload();
  const input = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const maxSize = formatFileSize(PHOTO_MAX_BYTES, locale);
  const remove = useSubmit(async (photo: MachinePhotoT) => {
    await api.delete(`${base}/${encodeURIComponent(photo.id)}`);
    photos.reload();
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    const problem = fileProblem(
      file,
      { types: IMAGE_TYPES, maxBytes: PHOTO_MAX_BYTES },
      t,
      maxSize,
    );
    setFileError(problem ?? undefined);
    if (problem || !file) return;
    const form = new FormData();
    if (caption.trim()) form.append('caption', caption.trim());
    form.append('file', file, file.name);
    if (await upload.send<MachinePhotoT>(base, form)) {
      setCaption('');
      if (input.current) input.current.value = '';
      photos.reload();
    }
  };

  return (
    <Section title={t('machine.photos.section')} testId="machine-photos">
      <ErrorBanner error={remove.error} />
      <Loaded resource={photos}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('machine.photos.empty.title')}>
              {canEdit
                ? t('machine.photos.empty.bodyEditor')
                : t('machine.photos.empty.bodyReader')}
            </EmptyState>
          ) : (
            <ul className="gallery" data-testid="photo-gallery">
              {data.items.map((photo) => (
                <li key={photo.id}>
                  <figure>
                    <img
                      src={`${base}/${encodeURIComponent(photo.id)}/file`}
                      alt={photo.caption ?? machine.name}
                      loading="lazy"
                    />
                    {photo.caption && <figcaption>{photo.caption}</figcaption>}
                  </figure>
                  {canEdit && (
                    <button
                      type="button"
                      className="button-danger"
                      disabled={remove.pending}
                      onClick={() => {
                        if (window.confirm(t('machine.photos.removeConfirm')))
                          void remove.submit(photo);
                      }}
                    >
                      {t('action.remove')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {canEdit && (
        <form
          className="form form-panel"
          onSubmit={(event) => void onSubmit(event)}
          noValidate
          data-testid="photo-upload"
        >
          <h3>{t('machine.photos.add')}</h3>
          <ErrorBanner error={upload.error} />
          <Field
            label={t('machine.photos.fileLabel')}
            hint={t('machine.photos.fileHint', { size: maxSize })}
            error={fileError}
          >
            {(control) => (
              <input
                ref={input}
                type="file"
                name="file"
                accept={IMAGE_TYPES.join(',')}
                onChange={() => setFileError(undefined)}
                {...control}
              />
            )}
          </Field>
          <TextField
            label={t('machine.photos.caption')}
            name="caption"
            value={caption}
            maxLength={200}
            onChange={(event) => setCaption(event.target.value)}
            error={upload.error?.fieldErrors()['caption']}
          />
          <UploadProgress pending={upload.pending} fraction={upload.fraction} />
          <div className="button-row">
            <SubmitButton
              pending={upload.pending}
              label={t('machine.photos.upload')}
              pendingLabel={t('upload.busy')}
            />
          </div>
        </form>
      )}
    </Section>
  );
}
