/**
 * A programme's clusters (commodity and region) with their number of sites; administrators add
 * one, choosing its regency or city with the region picker, change one, or remove one that has
 * no sites (the API refuses a cluster with sites, and its message is shown as is).
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi, useSession } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateClusterRequest, UpdateClusterRequest, type Cluster } from '../../lib/contracts.js';
import { formatCount } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { RegionPicker } from '../sites/region-picker.js';

export function ClustersSection({ programmeId }: { programmeId: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { roles } = useSession();
  const clusters = useCursorList<Cluster>('/api/clusters', { programmeId, limit: 50 });
  const canEdit = roles.includes('administrator');
  const [editing, setEditing] = useState<Cluster | null>(null);
  const remove = useSubmit(async (cluster: Cluster) => {
    await api.delete(`/api/clusters/${encodeURIComponent(cluster.id)}`);
    if (editing?.id === cluster.id) setEditing(null);
    clusters.reload();
  });
  const columns: Column<Cluster>[] = [
    { key: 'name', header: t('clusters.name'), render: (c) => c.name },
    { key: 'commodity', header: t('clusters.commodity'), render: (c) => c.commodity },
    { key: 'region', header: t('clusters.region'), render: (c) => `${c.regency}, ${c.province}` },
    {
      key: 'sites',
      header: t('clusters.sites'),
      className: 'numeric',
      render: (c) => formatCount(c.siteCount, locale),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (c) => (
        <div className="button-row">
          <button
            type="button"
            className="button-secondary"
            aria-label={t('clusters.editNamed', { name: c.name })}
            onClick={() => {
              remove.reset();
              setEditing(c);
            }}
          >
            {t('action.edit')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={remove.pending}
            aria-label={t('clusters.removeNamed', { name: c.name })}
            onClick={() => {
              if (window.confirm(t('clusters.removeConfirm', { name: c.name })))
                void remove.submit(c);
            }}
          >
            {t('action.remove')}
          </button>
        </div>
      ),
    });
  }
  return (
    <Section title={t('clusters.title')} testId="programme-clusters">
      <ErrorBanner error={remove.error} />
      <PagedList
        list={clusters}
        empty={
          <EmptyState title={t('clusters.empty.title')}>
            {canEdit ? t('clusters.empty.bodyEditor') : t('clusters.empty.bodyReader')}
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={t('clusters.title')}
            columns={columns}
            rows={items}
            rowKey={(c) => c.id}
            testId="cluster-table"
          />
        )}
      </PagedList>
      {canEdit &&
        (editing ? (
          <ClusterEditForm
            key={editing.id}
            cluster={editing}
            onSaved={() => {
              setEditing(null);
              clusters.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <ClusterForm programmeId={programmeId} onAdded={() => clusters.reload()} />
        ))}
    </Section>
  );
}

function ClusterForm({ programmeId, onAdded }: { programmeId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [formKey, setFormKey] = useState(0);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const submission = useSubmit(async (body: z.output<typeof CreateClusterRequest>) => {
    await api.post('/api/clusters', body);
    setFormKey((key) => key + 1);
    setRegionCode(null);
    onAdded();
  }, CreateClusterRequest);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await submission.submit({
      programmeId,
      name: (values['name'] ?? '').trim(),
      commodity: (values['commodity'] ?? '').trim(),
      regionCode: regionCode ?? '',
    });
  };
  const errors = submission.fieldErrors;
  return (
    <form
      key={formKey}
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="cluster-form"
    >
      <h3>{t('clusters.add')}</h3>
      <ErrorBanner error={submission.error} />
      <TextField label={t('clusters.name')} name="name" error={errors['name']} />
      <TextField
        label={t('clusters.commodity')}
        name="commodity"
        hint={t('clusters.commodityHint')}
        error={errors['commodity']}
      />
      <RegionPicker value={regionCode} onChange={setRegionCode} error={errors['regionCode']} />
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('clusters.add')}
          pendingLabel={t('action.saving')}
        />
      </div>
    </form>
  );
}

/** Changes a cluster's name, commodity or region; the region starts at the cluster's own. */
function ClusterEditForm({
  cluster,
  onSaved,
  onCancel,
}: {
  cluster: Cluster;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [regionCode, setRegionCode] = useState<string | null>(cluster.regionCode);
  const submission = useSubmit(async (body: z.output<typeof UpdateClusterRequest>) => {
    await api.patch(`/api/clusters/${encodeURIComponent(cluster.id)}`, body);
    onSaved();
  }, UpdateClusterRequest);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await submission.submit({
      name: (values['name'] ?? '').trim(),
      commodity: (values['commodity'] ?? '').trim(),
      // A cluster recorded before region codes keeps its region until one is chosen.
      ...(regionCode !== cluster.regionCode ? { regionCode: regionCode ?? '' } : {}),
    });
  };
  const errors = submission.fieldErrors;
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="cluster-edit-form"
    >
      <h3>{t('clusters.editNamed', { name: cluster.name })}</h3>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('clusters.name')}
        name="name"
        defaultValue={cluster.name}
        error={errors['name']}
      />
      <TextField
        label={t('clusters.commodity')}
        name="commodity"
        defaultValue={cluster.commodity}
        hint={t('clusters.commodityHint')}
        error={errors['commodity']}
      />
      <RegionPicker value={regionCode} onChange={setRegionCode} error={errors['regionCode']} />
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('action.save')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
