import { useRef } from 'preact/hooks';
import type { ManagerView } from './notes-url-state';
import { t, type MessageKey } from '@/utils/i18n';

// Message names, worded at render time (a module-level t() would fix the language at import).
const TABS: ReadonlyArray<{ view: ManagerView; label: MessageKey }> = [
  { view: 'notes', label: 'viewNotes' },
  { view: 'tasks', label: 'viewTasks' },
];

export const tabId = (view: ManagerView) => `tab-${view}`;
export const panelId = (view: ManagerView) => `panel-${view}`;

/**
 * The two views as an ARIA tablist: only the selected tab is in the Tab order; arrow keys,
 * Home and End move to (and select) the other tab, as the WAI-ARIA tabs pattern does.
 */
export function ViewTabs({ view, onChange }: { view: ManagerView; onChange: (view: ManagerView) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const select = (next: ManagerView) => {
    onChange(next);
    list.current?.querySelector<HTMLButtonElement>(`#${tabId(next)}`)?.focus();
  };
  const onKeyDown = (ev: KeyboardEvent) => {
    const i = TABS.findIndex((tab) => tab.view === view);
    let next: number;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') next = (i + 1) % TABS.length;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') next = (i - 1 + TABS.length) % TABS.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = TABS.length - 1;
    else return;
    ev.preventDefault();
    select(TABS[next]!.view);
  };
  return (
    <div class="tabs" role="tablist" aria-label={t('viewsLabel')} ref={list} onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          role="tab"
          id={tabId(tab.view)}
          data-testid={tabId(tab.view)}
          aria-selected={tab.view === view}
          aria-controls={panelId(tab.view)}
          tabIndex={tab.view === view ? 0 : -1}
          onClick={() => onChange(tab.view)}
        >
          {t(tab.label)}
        </button>
      ))}
    </div>
  );
}
