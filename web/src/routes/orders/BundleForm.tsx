import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, ErrorState, Loading, PageHeader, Select, TextArea, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { OrganizationPicker, type OrganizationPickerText } from '../../ui/OrganizationPicker.tsx';
import { PhotoField, photosBody, type Photo } from '../../ui/PhotoField.tsx';
import './orders.css';
import { useBundle, useMyParts, type Bundle } from './data.ts';

interface ComponentDraft {
  key: number;
  supplierId: string;
  name: string;
  unit: string;
  quantity: string;
  unitPrice: string;
}

let nextKey = 1;
const blank = (): ComponentDraft => ({ key: nextKey++, supplierId: '', name: '', unit: '개', quantity: '1', unitPrice: '' });

function usePickerText(): OrganizationPickerText {
  const { t } = useI18n();
  return useMemo(
    () => ({
      label: t('orders.edit.supplierSearch'),
      hint: t('orders.edit.supplierHint'),
      linkedLabel: t('orders.supplier'),
      unlink: t('orders.edit.unlink'),
      found: (count) => t('orders.edit.found', { count }),
      none: (q) => t('orders.edit.none', { q }),
      searching: t('orders.edit.searching'),
      unknown: (id) => t('orders.edit.unknown', { id }),
      linked: (name) => t('orders.edit.linked', { name }),
      unlinked: t('orders.edit.unlinked'),
      failed: t('orders.edit.failed'),
    }),
    [t],
  );
}

/** /orders/bundles/new and /orders/bundles/:id/edit: staff and the intermediary's members build bundles. */
export function BundleEdit() {
  const { id } = useParams();
  const existing = useBundle(id);
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorState error={existing.error} retry={() => void existing.refetch()} />;
  return <BundleFormBody key={id ?? 'new'} b={id ? existing.data : undefined} />;
}

function BundleFormBody({ b }: { b: Bundle | undefined }) {
  const { t, n, l } = useI18n();
  const session = useSession();
  const parts = useMyParts(!!session.data);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const pickerText = usePickerText();
  const [components, setComponents] = useState<ComponentDraft[]>(() =>
    b
      ? b.components.map((c) => ({ key: nextKey++, supplierId: c.supplier.id, name: c.name, unit: c.unit, quantity: String(c.quantity), unitPrice: String(c.unitPrice) }))
      : [blank(), blank()],
  );
  const [photos, setPhotos] = useState<Photo[]>(b?.photos ?? []);
  const [intermediary, setIntermediary] = useState<string | undefined>(b ? (b.intermediary?.id ?? '') : undefined);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (b ? api<Bundle>(`/api/v1/orders/bundles/${b.id}`, { method: 'PUT', body }) : api<Bundle>('/api/v1/orders/bundles', { method: 'POST', body })),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void navigate(`/orders/bundles/${saved.id}`);
    },
  });
  const errs = useFieldErrors(save.error);
  const title = b ? t('orders.edit.editTitle', { name: b.name }) : t('orders.edit.newTitle');
  if (session.isPending || (session.data && parts.isPending)) return <Loading />;
  const p = parts.data;
  if (!session.data || !p || (!p.staff && !p.organizations.length)) {
    return (
      <>
        <PageHeader title={title} />
        <Alert>{t('orders.edit.notAllowed')}</Alert>
      </>
    );
  }
  const set = (key: number, patch: Partial<ComponentDraft>) => setComponents((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const price = components.reduce((s, c) => s + (Number(c.quantity) || 0) * (Number(c.unitPrice) || 0), 0);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '');
    const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
    save.mutate({
      code: text('code'),
      name: text('name'),
      description: text('description'),
      intermediaryId: text('intermediaryId') || null,
      status: text('status'),
      leadTimeDays: num(text('leadTimeDays')),
      minQuantity: num(text('minQuantity')),
      photos: photosBody(photos),
      components: components.map((c) => ({ supplierId: c.supplierId, name: c.name, unit: c.unit, quantity: num(c.quantity), unitPrice: num(c.unitPrice) })),
    });
  };
  const intermediaries = [...(p.staff ? [{ id: '', name: t('orders.none') }] : []), ...p.organizations, ...(b?.intermediary && !p.organizations.some((o) => o.id === b.intermediary!.id) ? [b.intermediary] : [])];
  const chosen = intermediary ?? intermediaries[0]?.id ?? '';
  return (
    <>
      <PageHeader title={title} lead={t('orders.edit.lead')} />
      <form onSubmit={submit} noValidate className="ord-edit">
        {save.error instanceof ApiError ? <Alert kind="danger">{save.error.errors.length ? t('orders.edit.fix') : l(save.error.messages)}</Alert> : save.error ? <ErrorState error={save.error} /> : null}
        <div className="ord-edit-grid">
          <TextInput label={t('orders.edit.code')} hint={t('orders.edit.codeHint')} name="code" defaultValue={b?.code} required errors={errs('code')} />
          <TextInput label={t('orders.edit.name')} name="name" defaultValue={b?.name} required errors={errs('name')} />
        </div>
        <TextArea label={t('orders.edit.description')} name="description" defaultValue={b?.description ?? ''} rows={3} errors={errs('description')} />
        <div className="ord-edit-grid">
          <Select
            label={t('orders.intermediary')}
            name="intermediaryId"
            value={chosen}
            onChange={(e) => setIntermediary(e.target.value)}
            options={intermediaries.map((o) => ({ value: o.id, label: o.name }))}
            errors={errs('intermediaryId')}
          />
          <Select
            label={t('orders.status')}
            name="status"
            defaultValue={b?.status ?? 'active'}
            options={[
              { value: 'active', label: t('orders.edit.active') },
              { value: 'retired', label: t('orders.retired') },
            ]}
          />
          <TextInput label={t('orders.leadTime.label')} hint={t('orders.edit.days')} name="leadTimeDays" type="number" min={0} max={60} defaultValue={b?.leadTimeDays ?? 2} errors={errs('leadTimeDays')} />
          <TextInput label={t('orders.minQuantity.label')} name="minQuantity" type="number" min={1} defaultValue={b?.minQuantity ?? 1} errors={errs('minQuantity')} />
        </div>
        <PhotoField organizationId={chosen || null} value={photos} onChange={setPhotos} errorsOf={errs} />
        <h2>{t('orders.components')}</h2>
        {errs('components').length ? <p className="field-error">{errs('components').join(' ')}</p> : null}
        {components.map((c, i) => (
          <fieldset key={c.key} className="ord-component">
            <legend>{t('orders.edit.component', { n: i + 1 })}</legend>
            <OrganizationPicker value={c.supplierId} text={pickerText} errors={errs(`components.${i}.supplierId`)} onChange={(org) => set(c.key, { supplierId: org?.id ?? '' })} />
            <div className="ord-edit-grid">
              <TextInput label={t('orders.item')} value={c.name} onChange={(e) => set(c.key, { name: e.target.value })} required errors={errs(`components.${i}.name`)} />
              <TextInput label={t('orders.edit.unit')} value={c.unit} onChange={(e) => set(c.key, { unit: e.target.value })} required errors={errs(`components.${i}.unit`)} />
              <TextInput label={t('orders.edit.perBundle')} type="number" min={1} value={c.quantity} onChange={(e) => set(c.key, { quantity: e.target.value })} required errors={errs(`components.${i}.quantity`)} />
              <TextInput label={t('orders.edit.unitPrice')} type="number" min={0} value={c.unitPrice} onChange={(e) => set(c.key, { unitPrice: e.target.value })} required errors={errs(`components.${i}.unitPrice`)} />
            </div>
            {components.length > 1 ? (
              <button type="button" className="btn text small" onClick={() => setComponents((cs) => cs.filter((x) => x.key !== c.key))}>
                {t('orders.edit.remove', { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <p>
          <button type="button" className="btn secondary small" onClick={() => setComponents((cs) => [...cs, blank()])}>
            {t('orders.edit.add')}
          </button>
        </p>
        <p className="ord-sum" aria-live="polite">
          {t('orders.bundlePrice')}: <strong>{t('orders.won', { amount: n(price) })}</strong>
        </p>
        <p className="ord-buttons">
          <button type="submit" className="btn primary" disabled={save.isPending}>
            {t('orders.edit.save')}
          </button>
          <Link className="btn secondary" to={b ? `/orders/bundles/${b.id}` : '/orders'}>
            {t('orders.edit.cancel')}
          </Link>
        </p>
      </form>
    </>
  );
}
