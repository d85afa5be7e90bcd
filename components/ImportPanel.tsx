import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotatedPage, Note } from '@/lib/notes/note';
import type { ImportPlan, ImportResult } from '@/lib/notes/notes-api';
import { parseNotesFile } from '@/lib/notes/notes-file';
import { t } from '@/utils/i18n';

export interface ImportPanelProps {
  /** Compares the file with the database; writes nothing. */
  plan: (notes: Note[], pages: AnnotatedPage[]) => Promise<ImportPlan>;
  /** Writes the import (one transaction). */
  apply: (notes: Note[], pages: AnnotatedPage[]) => Promise<ImportResult>;
  onImported: (result: ImportResult) => void;
  /** Another action is running: the panel waits. */
  busy: boolean;
  onBusyChange: (busy: boolean) => void;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'preview'; fileName: string; notes: Note[]; pages: AnnotatedPage[]; plan: ImportPlan }
  | { kind: 'writing' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; message: string };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Import of a JSON-LD backup in two steps: the file is read, checked and compared with the
 * database (a preview of what would change); nothing is written until 确认导入.
 */
export function ImportPanel({ plan, apply, onImported, busy, onBusyChange }: ImportPanelProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const working = phase.kind === 'reading' || phase.kind === 'writing';
  // The file input is disabled while working, which drops focus: put it on the outcome instead.
  const outcome = useRef<HTMLDivElement>(null);
  const hadWork = useRef(false);
  useEffect(() => {
    if (hadWork.current && !working) outcome.current?.focus();
    hadWork.current = working;
  }, [phase.kind]);
  const run = async (kind: 'reading' | 'writing', job: () => Promise<Phase>) => {
    setPhase({ kind });
    onBusyChange(true);
    try {
      setPhase(await job());
    } finally {
      onBusyChange(false);
    }
  };

  const onFile = (ev: Event) => {
    const input = ev.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so choosing the same file again (after 取消 or a fix) fires another change.
    input.value = '';
    if (!file) return;
    void run('reading', async () => {
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        return { kind: 'error', message: t('importReadFailed', messageOf(e)) };
      }
      const parsed = parseNotesFile(text, { byteLength: file.size });
      if (!parsed.ok) return { kind: 'error', message: parsed.error };
      try {
        const p = await plan(parsed.notes, parsed.pages);
        return { kind: 'preview', fileName: file.name, notes: parsed.notes, pages: parsed.pages, plan: p };
      } catch (e) {
        return { kind: 'error', message: messageOf(e) };
      }
    });
  };

  const confirm = (p: Extract<Phase, { kind: 'preview' }>) =>
    run('writing', async () => {
      try {
        const result = await apply(p.notes, p.pages);
        onImported(result);
        return { kind: 'done', message: t('importDone', result.added, result.updated, result.unchanged) };
      } catch (e) {
        return { kind: 'error', message: t('importFailed', messageOf(e)) };
      }
    });

  return (
    <section class="import" aria-labelledby="import-heading" aria-busy={working} data-testid="import-panel">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <label for="import-file">{t('importInput')}</label>
      <input
        id="import-file"
        type="file"
        accept=".jsonld,.json,application/ld+json,application/json"
        data-testid="import-input"
        aria-describedby="import-hint"
        disabled={busy || working}
        onChange={onFile}
      />
      <p id="import-hint" class="hint">
        {t('importHint')}
      </p>
      {phase.kind === 'reading' ? <p role="status">{t('importReading')}</p> : null}
      {phase.kind === 'writing' ? <p role="status">{t('importWriting')}</p> : null}
      <div class="outcome" ref={outcome} tabIndex={-1}>
        {phase.kind === 'error' ? (
          <div class="error" role="alert" data-testid="import-error">
            {phase.message}
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <p class="ok" role="status" data-testid="import-result">
            {phase.message}
          </p>
        ) : null}
        {phase.kind === 'preview' ? (
          <div class="preview" data-testid="import-preview">
            <p>
              <strong>{phase.fileName}</strong>
            </p>
            <p data-testid="import-counts">
              {t('importPreview', phase.plan.added.length, phase.plan.updated.length, phase.plan.unchanged.length)}
            </p>
            <div class="actions">
              <button type="button" class="primary" data-testid="import-confirm" disabled={busy} onClick={() => void confirm(phase)}>
                {t('importConfirm')}
              </button>
              <button type="button" data-testid="import-cancel" onClick={() => setPhase({ kind: 'done', message: t('importCanceled') })}>
                {t('importCancel')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
