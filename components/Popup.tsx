import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { PageNotes, type PageNotesControl } from './PageNotes';
import type { LensMode, PageSummary, SummaryEntity } from '@/dom/summary';
import { lensModeFor, type SiteMode } from '@/utils/site-modes';
import type { UnitRole } from '@/lib/entity';
import { formatDate, formatDaysLeft, t, type MessageKey } from '@/utils/i18n';

export type SummaryResult =
  | { status: 'ok'; summary: PageSummary }
  /** No content script answered: not a *.gov.cn page, a browser page, or a tab opened before install. */
  | { status: 'no-content-script' };

export interface PopupProps {
  /** Extension version, shown in the footer. */
  version?: string;
  /** Asks the active tab's content script for its page summary. */
  load?: () => Promise<SummaryResult>;
  /** Scrolls the page to entity `index` of the summary and flashes it. */
  reveal?: (index: number) => void;
  /** Page and site switches; without it the popup shows none. */
  control?: PopupControl;
  /** The reader's notes on the summarised page; without it the popup shows none. */
  notes?: (summary: PageSummary) => PageNotesControl;
}

export interface PopupControl {
  /** Sets this page's mode (re-analysed at once) and returns the new summary. */
  setMode(mode: LensMode): Promise<SummaryResult>;
  /** "标注此页" where no content script runs: inject it (activeTab + scripting), then force. */
  forceHere(): Promise<SummaryResult>;
  getSiteMode(host: string): Promise<SiteMode | null>;
  setSiteMode(host: string, mode: SiteMode | null): Promise<void>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function Controls({
  summary,
  control,
  onResult,
}: {
  summary: PageSummary;
  control: PopupControl;
  onResult: (r: SummaryResult | Error) => void;
}) {
  const host = hostOf(summary.url);
  const [site, setSite] = useState<SiteMode | null | undefined>(undefined);
  useEffect(() => {
    if (host) control.getSiteMode(host).then(setSite, () => setSite(null));
  }, [host, control]);
  const run = (p: Promise<SummaryResult>) => p.then(onResult, (e: unknown) => onResult(e instanceof Error ? e : new Error(String(e))));
  return (
    <section class="controls" data-testid="controls">
      {summary.highlighted ? (
        <button type="button" data-action="off" onClick={() => run(control.setMode('off'))}>
          {t('popupOff')}
        </button>
      ) : (
        <button type="button" data-action="force" onClick={() => run(control.setMode('force'))}>
          {t('popupForce')}
        </button>
      )}
      {host && site !== undefined ? (
        <label class="site">
          {t('popupSiteMode', host)}
          <select
            data-action="site"
            value={site ?? 'auto'}
            onChange={(ev) => {
              const v = (ev.currentTarget as HTMLSelectElement).value;
              const mode: SiteMode | null = v === 'always' || v === 'never' ? v : null;
              setSite(mode);
              void control.setSiteMode(host, mode).then(() => run(control.setMode(lensModeFor(mode))));
            }}
          >
            <option value="auto">{t('siteModeAuto')}</option>
            <option value="always">{t('siteModeAlways')}</option>
            <option value="never">{t('siteModeNever')}</option>
          </select>
        </label>
      ) : null}
    </section>
  );
}

const ROLE_LABEL: Record<UnitRole, MessageKey> = { lead: 'roleLead', support: 'roleSupport', responsible: 'roleResponsible' };

type Deadline = Extract<SummaryEntity, { kind: 'deadline' }>;
type Unit = Extract<SummaryEntity, { kind: 'unit' }>;

export function daysLeftLabel(d: Deadline): string {
  if (d.precision === 'ongoing') return t('deadlineOngoing');
  if (d.daysLeft === null) return t('deadlineUndated');
  return formatDaysLeft(d.daysLeft);
}

/** Deadlines by due date, undated last; ties keep page order. */
export function sortDeadlines(list: Deadline[]): Deadline[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const x = a.d.date ?? '9999';
      const y = b.d.date ?? '9999';
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map(({ d }) => d);
}

/** One row per distinct 文号 / unit+role, with how often it occurs. */
function tally<T>(items: T[], key: (t: T) => string): Array<{ item: T; count: number }> {
  const map = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const row = map.get(k);
    if (row) row.count++;
    else map.set(k, { item, count: 1 });
  }
  return [...map.values()];
}

function SummaryView({
  summary,
  reveal,
  control,
  notes,
  onResult,
}: {
  summary: PageSummary;
  reveal?: (index: number) => void;
  control?: PopupControl;
  notes?: (summary: PageSummary) => PageNotesControl;
  onResult: (r: SummaryResult | Error) => void;
}) {
  // One control per page (a new object on every render would reload the notes each time).
  const notesControl = useMemo(() => notes?.(summary), [notes, summary.url]);
  /** An entity line: a button that takes the reader to it on the page. */
  const Jump = ({ index, children }: { index: number; children: ComponentChildren }) => (
    <button type="button" class="jump" title={t('jumpToPage')} onClick={() => reveal?.(index)}>
      {children}
    </button>
  );
  const docs = tally(
    summary.entities.filter((e): e is Extract<SummaryEntity, { kind: 'docNumber' }> => e.kind === 'docNumber'),
    (e) => e.normalized,
  );
  const deadlines = sortDeadlines(summary.entities.filter((e): e is Deadline => e.kind === 'deadline'));
  const units = tally(
    summary.entities.filter((e): e is Unit => e.kind === 'unit'),
    (e) => `${e.role}:${e.name}`,
  );
  const { counts } = summary;
  return (
    <>
      <p data-testid="popup-status" class={summary.detected ? 'status detected' : 'status'}>
        {statusLine(summary)}
      </p>
      {control ? <Controls summary={summary} control={control} onResult={onResult} /> : null}
      <details class="reasons" open={!summary.detected}>
        <summary>{t('popupReasons', summary.score)}</summary>
        <ul data-testid="reasons">
          {summary.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>
      <p class="counts" data-testid="counts">
        <span class="chip docnumber">{t('popupCountDocNumber', counts.docNumber)}</span>
        <span class="chip deadline">
          {t('popupCountDeadline', counts.deadline)}
          {counts.overdue > 0 ? t('popupCountOverdue', counts.overdue) : ''}
        </span>
        <span class="chip unit">{t('popupCountUnit', counts.unit)}</span>
      </p>
      {notesControl ? <PageNotes control={notesControl} today={summary.today} /> : null}
      {docs.length > 0 && (
        <section data-testid="group-docnumber">
          <h2>{t('popupGroupDocNumber')}</h2>
          <ul>
            {docs.map(({ item, count }) => (
              <li key={item.normalized}>
                <Jump index={item.index}>
                  {item.normalized}
                  {count > 1 ? <span class="muted"> ×{count}</span> : null}
                </Jump>
              </li>
            ))}
          </ul>
        </section>
      )}
      {deadlines.length > 0 && (
        <section data-testid="group-deadline">
          <h2>{t('popupGroupDeadline')}</h2>
          <ul>
            {deadlines.map((d, i) => (
              <li key={i} class={d.daysLeft !== null && d.daysLeft < 0 ? 'overdue' : undefined}>
                <Jump index={d.index}>
                  {d.date ? (
                    <time class="date" dateTime={d.date}>
                      {formatDate(d.date)}
                    </time>
                  ) : (
                    <span class="date">—</span>
                  )}{' '}
                  {d.text}
                  <span class="left">{daysLeftLabel(d)}</span>
                </Jump>
              </li>
            ))}
          </ul>
        </section>
      )}
      {units.length > 0 && (
        <section data-testid="group-unit">
          <h2>{t('popupGroupUnit')}</h2>
          <ul>
            {units.map(({ item, count }) => (
              <li key={`${item.role}:${item.name}`}>
                <Jump index={item.index}>
                  {item.name} <span class={`role ${item.role}`}>{t(ROLE_LABEL[item.role])}</span>
                  {/* each mention of a unit in a unit slot assigns it one task */}
                  <span class="muted"> · {t('popupUnitTasks', count)}</span>
                </Jump>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function statusLine(s: PageSummary): string {
  if (s.mode === 'off') return t('statusOff');
  if (s.mode === 'force' && !s.detected) return t(s.highlighted ? 'statusForced' : 'statusForcedEmpty');
  if (s.detected) return t(s.highlighted ? 'statusDetected' : 'statusDetectedEmpty');
  return t('statusNotDetected');
}

/** Page summary of the active tab, from its content script. */
export function Popup({ version, load, reveal, control, notes }: PopupProps) {
  const [result, setResult] = useState<SummaryResult | 'loading' | Error>(load ? 'loading' : { status: 'no-content-script' });
  // A layout effect: subscribed right after the first render rather than after the first paint
  // (the summary, asked for before that render, is often back by then).
  useLayoutEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (r) => live && setResult(r),
      (e: unknown) => live && setResult(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [load]);

  let body;
  if (result === 'loading') body = <p data-testid="popup-status">{t('popupAnalyzing')}</p>;
  else if (result instanceof Error) body = <p data-testid="popup-status">{t('popupAnalyzeFailed', result.message)}</p>;
  else if (result.status === 'no-content-script')
    body = (
      <>
        <p data-testid="popup-status">{t('popupNoContentScript')}</p>
        {control ? (
          <button
            type="button"
            data-action="force-here"
            onClick={() => control.forceHere().then(setResult, (e: unknown) => setResult(e instanceof Error ? e : new Error(String(e))))}
          >
            {t('popupForce')}
          </button>
        ) : null}
      </>
    );
  else body = <SummaryView summary={result.summary} reveal={reveal} control={control} notes={notes} onResult={setResult} />;

  return (
    <main class="popup">
      <h1>{t('appName')}</h1>
      {body}
      {version ? <p class="version">Gazette Lens v{version}</p> : null}
    </main>
  );
}
