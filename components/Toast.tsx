import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface ToastMessage {
  /** New id, new toast (its timer starts again). */
  id: number;
  text: string;
  /** 撤销: puts back what the action did. */
  undo?: () => void;
}

export const TOAST_MS = 8000;

export interface ToastProps {
  toast: ToastMessage | null;
  onClose: () => void;
  /** Where focus goes when the toast closes while it has focus (so focus is never lost to <body>). */
  onFocusOut: () => void;
}

/**
 * A live region (always in the page, so screen readers announce what appears in it) showing one
 * message for ~8 s. The timer waits while the pointer or focus is in the toast, so a reader who
 * is reaching for 撤销 never has it taken away. A toast with 撤销 takes focus: the row the reader
 * deleted is gone, and Enter undoes.
 */
export function Toast({ toast, onClose, onFocusOut }: ToastProps) {
  const box = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const held = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const close = () => {
    const hadFocus = box.current?.contains(document.activeElement) ?? false;
    onClose();
    if (hadFocus) onFocusOut();
  };
  const arm = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!held.current) close();
    }, TOAST_MS);
  };
  useEffect(() => {
    if (!toast) return;
    held.current = false;
    arm();
    if (toast.undo) undoButton.current?.focus();
    return () => clearTimeout(timer.current);
  }, [toast?.id]);

  const hold = () => {
    held.current = true;
    clearTimeout(timer.current);
  };
  const release = (ev: FocusEvent | MouseEvent) => {
    const to = (ev as FocusEvent).relatedTarget as Node | null;
    if (to && box.current?.contains(to)) return;
    held.current = false;
    arm();
  };
  return (
    <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region">
      {toast ? (
        <div class="toast" ref={box} data-testid="toast" onFocusIn={hold} onFocusOut={release} onMouseEnter={hold} onMouseLeave={release}>
          <span>{toast.text}</span>
          {toast.undo ? (
            <>
              {' · '}
              <button
                type="button"
                ref={undoButton}
                data-testid="undo"
                onClick={() => {
                  toast.undo?.();
                  close();
                }}
              >
                {t('undo')}
              </button>
            </>
          ) : null}
          <button type="button" class="close" aria-label={t('dismiss')} onClick={close}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
