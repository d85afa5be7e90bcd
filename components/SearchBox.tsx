import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** Pause in typing before the list is filtered (each filter of 10 000 notes costs a frame or more). */
export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchBoxProps {
  id: string;
  value: string;
  onCommit: (value: string) => void;
}

/**
 * The search field. It shows every keystroke at once but filters only after a short pause, never
 * on the pinyin an input method shows while composing (only on the characters it commits), and
 * at once on Enter.
 */
export function SearchBox({ id, value, onCommit }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // A change from outside (清除筛选, the URL) replaces the draft; our own commits do not, so
  // nothing typed after a commit is lost.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (v: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      committed.current = v;
      onCommit(v);
    }, delay);
  };
  return (
    <input
      id={id}
      type="search"
      data-testid="search"
      placeholder={t('searchPlaceholder')}
      value={draft}
      onInput={(ev) => {
        const v = ev.currentTarget.value;
        setDraft(v);
        if (!composing.current) commit(v, SEARCH_DEBOUNCE_MS);
      }}
      onCompositionStart={() => {
        composing.current = true;
        clearTimeout(timer.current);
      }}
      onCompositionEnd={(ev) => {
        composing.current = false;
        commit(ev.currentTarget.value, SEARCH_DEBOUNCE_MS);
      }}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && !ev.isComposing) commit(ev.currentTarget.value, 0);
      }}
    />
  );
}
