import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface BulkBarProps {
  /** Notes in the current filtered list. */
  total: number;
  /** How many of them are selected. */
  selected: number;
  busy: boolean;
  onSelectAll: (all: boolean) => void;
  onDone: () => void;
  onTodo: () => void;
  onDelete: () => void;
  /** Takes the reader to the export buttons, which then export the selection. */
  onExport: () => void;
  onClear: () => void;
}

/** 全选 over the filtered list, and what can be done to the selected notes at once. */
export function BulkBar({ total, selected, busy, onSelectAll, onDone, onTodo, onDelete, onExport, onClear }: BulkBarProps) {
  const all = useRef<HTMLInputElement>(null);
  const some = selected > 0 && selected < total;
  useEffect(() => {
    if (all.current) all.current.indeterminate = some;
  }, [some]);
  const none = selected === 0 || busy;
  return (
    <div class="bulk" role="group" aria-label={t('bulkLabel')} data-testid="bulk-bar">
      <label class="select-all">
        <input
          type="checkbox"
          ref={all}
          data-testid="select-all"
          checked={total > 0 && selected === total}
          disabled={total === 0}
          onChange={(ev) => onSelectAll(ev.currentTarget.checked)}
        />
        {t('selectAll', total)}
      </label>
      <span class="selected-count" data-testid="selected-count" aria-live="polite">
        {t('selectedCount', selected)}
      </span>
      <button type="button" disabled={none} data-testid="bulk-done" onClick={onDone}>
        {t('bulkDone')}
      </button>
      <button type="button" disabled={none} data-testid="bulk-todo" onClick={onTodo}>
        {t('bulkTodo')}
      </button>
      <button type="button" class="danger" disabled={none} data-testid="bulk-delete" onClick={onDelete}>
        {t('bulkDelete')}
      </button>
      <button type="button" disabled={none} data-testid="bulk-export" onClick={onExport}>
        {t('bulkExport')}
      </button>
      <button type="button" disabled={selected === 0} onClick={onClear}>
        {t('clearSelection')}
      </button>
    </div>
  );
}
