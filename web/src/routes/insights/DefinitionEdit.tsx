import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, ErrorState, Field, Loading, PageHeader, Select, TextArea, TextInput, useFieldErrors } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { useDefinitions, useSaveDefinition, type FigureDefinitionSpec, type FigureDefinitionVersion, type FigureSourceView } from './data.ts';
import {
  draftOf,
  KIND_LABELS,
  leafPath,
  newClause,
  newLeaf,
  newSource,
  OP_LABELS,
  specOf,
  VIEW_FIELDS,
  VIEW_LABELS,
  VIEWS,
  wherePath,
  type Clause,
  type Leaf,
  type Op,
  type SpecDraft,
} from './definition.ts';

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;

interface Draft {
  key: string;
  labelKo: string;
  labelEn: string;
  unitKo: string;
  unitEn: string;
  validFrom: string;
  note: string;
  /** the conditions as a form, or (deeper nesting, or by choice) the definition as JSON */
  mode: 'form' | 'json';
  spec: SpecDraft;
  json: string;
}

const EMPTY_SPEC: FigureDefinitionSpec = { kind: 'count', view: 'programs_kpis_v' };

function draftFrom(current: FigureDefinitionVersion | undefined): Draft {
  const spec = current?.definition ?? EMPTY_SPEC;
  const form = draftOf(spec);
  return {
    key: current?.key ?? '',
    labelKo: current?.label.ko ?? '',
    labelEn: current?.label.en ?? '',
    unitKo: current?.unit.ko ?? '',
    unitEn: current?.unit.en ?? '',
    validFrom: current?.validFrom ?? '',
    note: '',
    mode: form ? 'form' : 'json',
    spec: form ?? draftOf(EMPTY_SPEC)!,
    json: JSON.stringify(spec, null, 2),
  };
}

/**
 * /staff/insights/definitions/:key/edit (and /new): saves the next version of a headline figure's
 * definition. Earlier versions stay; figures of years the new version covers are counted with it
 * from the next read. The API's field errors land beside their fields, conditions included.
 */
export function DefinitionEdit() {
  const { t, l } = useI18n();
  const key = useParams().key;
  const query = useDefinitions();
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const item = key ? query.data?.items.find((i) => i.key === key) : undefined;
  if (key && !item) return <NotFound />;
  return (
    <div className="insights">
      <p className="insights-crumbs">
        <Link to="/staff/insights#definitions">{t('insights.staff.back')}</Link>
      </p>
      <PageHeader
        title={item ? t('insights.edit.title', { label: l(item.current.label) }) : t('insights.edit.newTitle')}
        lead={item ? t('insights.edit.lead', { version: item.current.version, next: item.current.version + 1 }) : t('insights.edit.newLead')}
      />
      <DefinitionForm key={`${item?.key ?? 'new'}-${item?.current.version ?? 0}`} current={item?.current} reload={() => void query.refetch()} />
    </div>
  );
}

function DefinitionForm({ current, reload }: { current: FigureDefinitionVersion | undefined; reload: () => void }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(current));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const key = current?.key ?? draft.key;
  const save = useSaveDefinition(key);
  const summary = useRef<HTMLDivElement>(null);
  const serverErrors = useFieldErrors(save.error);
  const errorsOf = (path: string) => [...(clientErrors[path] ? [clientErrors[path]] : []), ...serverErrors(path)];
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const updateSpec = (fn: (s: SpecDraft) => SpecDraft) => setDraft((d) => ({ ...d, spec: fn(d.spec) }));

  useEffect(() => {
    if (save.error || Object.keys(clientErrors).length) summary.current?.focus();
  }, [save.error, clientErrors]);

  const toJson = () => update({ mode: 'json', json: JSON.stringify(specOf(draft.spec), null, 2) });
  const toForm = () => {
    try {
      const form = draftOf(JSON.parse(draft.json) as FigureDefinitionSpec);
      if (!form) {
        setClientErrors({ json: t('insights.edit.jsonTooDeep') });
        return;
      }
      setClientErrors({});
      update({ mode: 'form', spec: form });
    } catch {
      setClientErrors({ json: t('insights.edit.jsonBad') });
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!current && !KEY_PATTERN.test(draft.key)) errors.key = t('insights.edit.keyBad');
    let definition: FigureDefinitionSpec | undefined;
    if (draft.mode === 'json') {
      try {
        definition = JSON.parse(draft.json) as FigureDefinitionSpec;
      } catch {
        errors.json = t('insights.edit.jsonBad');
      }
    } else definition = specOf(draft.spec);
    setClientErrors(errors);
    if (Object.keys(errors).length || !definition) return;
    save.reset();
    save.mutate(
      {
        label: { ko: draft.labelKo, en: draft.labelEn },
        unit: { ko: draft.unitKo, en: draft.unitEn },
        definition,
        ...(draft.validFrom ? { validFrom: draft.validFrom } : {}),
        note: draft.note.trim() || null,
        expectedVersion: current?.version ?? 0,
      },
      {
        onSuccess: (saved) => void navigate('/staff/insights', { state: { saved: t('insights.edit.saved', { label: l(saved.label), version: saved.version }) } }),
      },
    );
  };

  // Errors of the definition the form shows nowhere else (JSON mode, or a path the form has no field for).
  const definitionErrors =
    save.error instanceof ApiError && draft.mode === 'json' ? save.error.errors.filter((e) => /(^|\.)definition(\.|$)/.test(e.path)).map((e) => `${e.path.replace(/^body\./, '')}: ${l(e.messages)}`) : [];
  const hasErrors = Boolean(save.error) || Object.keys(clientErrors).length > 0;

  return (
    <form className="insights-edit" onSubmit={submit} noValidate>
      <div ref={summary} tabIndex={-1} className="insights-form-summary">
        {conflict ? (
          <Alert kind="warning">
            <p>{t('insights.edit.conflict')}</p>
            <button type="button" className="btn secondary small" onClick={reload}>
              {t('insights.edit.reload')}
            </button>
          </Alert>
        ) : hasErrors ? (
          <Alert kind="danger">
            <p>{save.error instanceof ApiError ? l(save.error.messages) : t('insights.edit.fix')}</p>
            {save.error instanceof ApiError && save.error.errors.length ? (
              <ul>
                {save.error.errors.map((e, i) => (
                  <li key={i}>{l(e.messages)}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
      </div>

      <fieldset>
        <legend>{t('insights.edit.about')}</legend>
        {current ? (
          <p className="insights-sub">{t('insights.edit.keyIs', { key: current.key })}</p>
        ) : (
          <TextInput label={t('insights.edit.key')} hint={t('insights.edit.keyHint')} required value={draft.key} errors={errorsOf('key')} onChange={(e) => update({ key: e.target.value })} />
        )}
        <div className="insights-pair-fields">
          <TextInput label={t('insights.edit.labelKo')} required value={draft.labelKo} errors={errorsOf('label.ko')} onChange={(e) => update({ labelKo: e.target.value })} />
          <TextInput label={t('insights.edit.labelEn')} required value={draft.labelEn} errors={errorsOf('label.en')} onChange={(e) => update({ labelEn: e.target.value })} lang="en" />
          <TextInput label={t('insights.edit.unitKo')} hint={t('insights.edit.unitHint')} value={draft.unitKo} errors={errorsOf('unit.ko')} onChange={(e) => update({ unitKo: e.target.value })} />
          <TextInput label={t('insights.edit.unitEn')} value={draft.unitEn} errors={errorsOf('unit.en')} onChange={(e) => update({ unitEn: e.target.value })} lang="en" />
        </div>
        <TextInput label={t('insights.edit.validFrom')} hint={t('insights.edit.validFromHint')} type="date" value={draft.validFrom} errors={errorsOf('validFrom')} onChange={(e) => update({ validFrom: e.target.value })} />
        <TextArea label={t('insights.edit.note')} hint={t('insights.edit.noteHint')} rows={2} value={draft.note} errors={errorsOf('note')} onChange={(e) => update({ note: e.target.value })} />
      </fieldset>

      <fieldset>
        <legend>{t('insights.edit.definition')}</legend>
        <p className="actions insights-mode">
          {draft.mode === 'form' ? (
            <button type="button" className="btn text small" onClick={toJson}>
              {t('insights.edit.asJson')}
            </button>
          ) : (
            <button type="button" className="btn text small" onClick={toForm}>
              {t('insights.edit.asForm')}
            </button>
          )}
        </p>
        {draft.mode === 'json' ? (
          <TextArea
            label={t('insights.edit.json')}
            hint={t('insights.edit.jsonHint')}
            rows={14}
            className="input insights-json"
            spellCheck={false}
            value={draft.json}
            errors={[...errorsOf('json'), ...definitionErrors]}
            onChange={(e) => update({ json: e.target.value })}
          />
        ) : (
          <SpecForm spec={draft.spec} update={updateSpec} errorsOf={errorsOf} />
        )}
      </fieldset>

      <p className="actions">
        <button type="submit" className="btn primary" disabled={save.isPending}>
          {save.isPending ? t('insights.edit.saving') : t('insights.edit.save')}
        </button>
        <Link className="btn secondary" to="/staff/insights#definitions">
          {t('common.cancel')}
        </Link>
      </p>
    </form>
  );
}

function SpecForm({ spec, update, errorsOf }: { spec: SpecDraft; update: (fn: (s: SpecDraft) => SpecDraft) => void; errorsOf: (path: string) => string[] }) {
  const { t } = useI18n();
  const setKind = (kind: SpecDraft['kind']) =>
    update((s) => {
      const first = s.sources[0] ?? newSource('programs_kpis_v');
      const view: FigureSourceView = kind === 'sum' ? 'programs_kpis_v' : kind === 'distinct_organizations' ? 'programs_partners_v' : first.view;
      const sources = kind === 'distinct_organizations' ? s.sources : [first];
      return { kind, sources: sources.map((x, i) => (i === 0 && x.view !== view ? { ...newSource(view) } : x)) };
    });
  const setSource = (i: number, fn: (c: Clause[]) => Clause[]) => update((s) => ({ ...s, sources: s.sources.map((x, j) => (j === i ? { ...x, clauses: fn(x.clauses) } : x)) }));
  return (
    <>
      <Select
        label={t('insights.edit.kind')}
        hint={t('insights.edit.kindHint')}
        value={spec.kind}
        errors={errorsOf('definition.kind')}
        onChange={(e) => setKind(e.target.value as SpecDraft['kind'])}
        options={(Object.keys(KIND_LABELS) as SpecDraft['kind'][]).map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
      />
      {spec.sources.map((source, i) => (
        <fieldset key={source.id} className="insights-source">
          <legend>{spec.kind === 'distinct_organizations' ? t('insights.edit.source', { n: i + 1 }) : t('insights.edit.rowsOf')}</legend>
          {spec.kind === 'sum' ? (
            <p className="insights-sub">{t('insights.edit.sumOf')}</p>
          ) : (
            <Select
              label={t('insights.edit.view')}
              value={source.view}
              errors={errorsOf(spec.kind === 'distinct_organizations' ? `definition.sources.${i}.view` : 'definition.view')}
              onChange={(e) => {
                const view = e.target.value as FigureSourceView;
                update((s) => ({ ...s, sources: s.sources.map((x, j) => (j === i ? { ...newSource(view), id: x.id } : x)) }));
              }}
              options={VIEWS.map((v) => ({ value: v, label: t(VIEW_LABELS[v]) }))}
            />
          )}
          <Conditions spec={spec} sourceIndex={i} set={(fn) => setSource(i, fn)} errorsOf={errorsOf} />
          {spec.kind === 'distinct_organizations' && spec.sources.length > 1 ? (
            <button type="button" className="btn text small" onClick={() => update((s) => ({ ...s, sources: s.sources.filter((_, j) => j !== i) }))}>
              {t('insights.edit.removeSource', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {spec.kind === 'distinct_organizations' ? (
        <button type="button" className="btn secondary small" onClick={() => update((s) => ({ ...s, sources: [...s.sources, newSource('programs_partners_v')] }))}>
          {t('insights.edit.addSource')}
        </button>
      ) : null}
    </>
  );
}

function Conditions({ spec, sourceIndex, set, errorsOf }: { spec: SpecDraft; sourceIndex: number; set: (fn: (c: Clause[]) => Clause[]) => void; errorsOf: (path: string) => string[] }) {
  const { t } = useI18n();
  const source = spec.sources[sourceIndex]!;
  const whereErrors = errorsOf(wherePath(spec, sourceIndex)).filter(Boolean);
  const setClause = (ci: number, fn: (c: Clause) => Clause) => set((cs) => cs.map((c, j) => (j === ci ? fn(c) : c)));
  return (
    <div className="insights-conditions">
      <p className="insights-sub">{source.clauses.length ? t('insights.edit.allOf') : t('insights.edit.noConditions')}</p>
      {whereErrors.length ? <p className="field-error">{whereErrors.join(' ')}</p> : null}
      {source.clauses.map((clause, ci) => (
        <fieldset key={clause.id} className="insights-clause">
          <legend>{clause.any ? t('insights.edit.anyGroup', { n: ci + 1 }) : t('insights.edit.condition', { n: ci + 1 })}</legend>
          {clause.leaves.map((leaf, li) => (
            <LeafFields
              key={leaf.id}
              view={source.view}
              leaf={leaf}
              path={leafPath(spec, sourceIndex, ci, li)}
              name={clause.any ? t('insights.edit.orItem', { n: ci + 1, m: li + 1 }) : undefined}
              errorsOf={errorsOf}
              set={(patch) => setClause(ci, (c) => ({ ...c, leaves: c.leaves.map((x, j) => (j === li ? { ...x, ...patch } : x)) }))}
              remove={clause.any && clause.leaves.length > 1 ? () => setClause(ci, (c) => ({ ...c, leaves: c.leaves.filter((_, j) => j !== li) })) : undefined}
            />
          ))}
          <p className="actions">
            {clause.any ? (
              <button type="button" className="btn text small" onClick={() => setClause(ci, (c) => ({ ...c, leaves: [...c.leaves, newLeaf(source.view)] }))}>
                {t('insights.edit.addOr', { n: ci + 1 })}
              </button>
            ) : null}
            <button type="button" className="btn text small" onClick={() => set((cs) => cs.filter((_, j) => j !== ci))}>
              {t('insights.edit.removeCondition', { n: ci + 1 })}
            </button>
          </p>
        </fieldset>
      ))}
      <p className="actions">
        <button type="button" className="btn secondary small" onClick={() => set((cs) => [...cs, newClause(source.view)])}>
          {t('insights.edit.addCondition')}
        </button>
        <button type="button" className="btn secondary small" onClick={() => set((cs) => [...cs, newClause(source.view, true)])}>
          {t('insights.edit.addAnyGroup')}
        </button>
      </p>
    </div>
  );
}

function LeafFields({
  view,
  leaf,
  path,
  name,
  errorsOf,
  set,
  remove,
}: {
  view: FigureSourceView;
  leaf: Leaf;
  path: string;
  /** an item of an "any of" group is a group of its own, named; a single condition is its fieldset */
  name?: string;
  errorsOf: (path: string) => string[];
  set: (patch: Partial<Leaf>) => void;
  remove?: () => void;
}) {
  const { t } = useI18n();
  const fields = VIEW_FIELDS[view];
  const type = fields[leaf.field]?.type ?? 'text';
  const ops: Op[] = type === 'text' ? ['eq', 'in', 'matches'] : type === 'number' ? ['eq', 'in'] : ['eq'];
  const valueErrors = errorsOf(`${path}.value`);
  return (
    <div className="insights-leaf" role={name ? 'group' : undefined} aria-label={name}>
      <Select
        label={t('insights.edit.field')}
        value={leaf.field}
        errors={errorsOf(`${path}.field`)}
        onChange={(e) => {
          const next = fields[e.target.value]?.type ?? 'text';
          set({ field: e.target.value, ...(next !== type ? { op: 'eq' as Op, value: '' } : {}) });
        }}
        options={[
          ...Object.entries(fields).map(([k, f]) => ({ value: k, label: `${t(f.label)} (${k})` })),
          ...(fields[leaf.field] ? [] : [{ value: leaf.field, label: leaf.field }]),
        ]}
      />
      <Select label={t('insights.edit.op')} value={leaf.op} errors={errorsOf(`${path}.op`)} onChange={(e) => set({ op: e.target.value as Op })} options={ops.map((o) => ({ value: o, label: t(OP_LABELS[o]) }))} />
      {type === 'boolean' ? (
        <Select
          label={t('insights.edit.value')}
          value={leaf.value}
          errors={valueErrors}
          onChange={(e) => set({ value: e.target.value })}
          options={[
            { value: 'true', label: t('insights.def.true') },
            { value: 'false', label: t('insights.def.false') },
            { value: '', label: t('insights.def.empty') },
          ]}
        />
      ) : (
        <Field label={t('insights.edit.value')} hint={leaf.op === 'in' ? t('insights.edit.inHint') : leaf.op === 'matches' ? t('insights.edit.matchesHint') : undefined} errors={valueErrors}>
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              className="input"
              inputMode={type === 'number' && leaf.op === 'eq' ? 'decimal' : undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={leaf.value}
              onChange={(e) => set({ value: e.target.value })}
            />
          )}
        </Field>
      )}
      {remove ? (
        <button type="button" className="btn text small insights-leaf-remove" onClick={remove}>
          {t('insights.edit.removeOr')}
          {name ? <span className="visually-hidden"> ({name})</span> : null}
        </button>
      ) : null}
    </div>
  );
}
