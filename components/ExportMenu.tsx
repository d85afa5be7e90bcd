import type { Note } from '@/lib/notes/note';
import { EXPORT_FORMATS, type ExportSpec } from './notes-export-formats';
import { t } from '@/utils/i18n';

export interface ExportMenuProps {
  /** What would be exported: the selected notes when there are any, else the filtered list. */
  notes: Note[];
  scope: 'filtered' | 'selected';
  busy: boolean;
  onExport: (spec: ExportSpec) => void;
}

/** One button per format, with what they export (导出当前筛选的 N 条 / 导出所选 N 条). */
export function ExportMenu({ notes, scope, busy, onExport }: ExportMenuProps) {
  const count = notes.length;
  return (
    <section class="export" aria-labelledby="export-heading" data-testid="export-menu">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p id="export-scope" data-testid="export-scope">
        {count === 0 ? t('exportNothing') : t(scope === 'selected' ? 'exportScopeSelected' : 'exportScopeFiltered', count)}
      </p>
      <ul class="formats">
        {EXPORT_FORMATS.map((spec) => {
          const empty = spec.pick(notes).length === 0;
          const hint = empty && count > 0 && spec.emptyHint ? spec.emptyHint : null;
          const hintId = `export-${spec.format}-hint`;
          return (
            <li key={spec.format}>
              <button
                type="button"
                data-testid={`export-${spec.format}`}
                disabled={busy || empty}
                aria-describedby={hint ? `export-scope ${hintId}` : 'export-scope'}
                onClick={() => onExport(spec)}
              >
                {t(spec.label)}
              </button>
              {hint ? (
                <span id={hintId} class="hint" data-testid={hintId}>
                  {t(hint)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
