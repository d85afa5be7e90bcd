import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * How many rows of a long list to render. After each new filter (`resetKey`) the first `first`
 * rows render at once and the rest of the first `step` a moment later, so a keystroke in the
 * search box never waits for hundreds of rows; then `step` more whenever the reader asks
 * (显示更多) or scrolls the sentinel into view. 10 000 notes never become 10 000 DOM rows at once.
 */
export function useIncremental<E extends HTMLElement>(total: number, resetKey: unknown, step = 200, first = 50) {
  // The limit belongs to one resetKey; a new key starts over in the same render (an effect
  // resetting it would render the list twice on every keystroke).
  const [grown, setGrown] = useState({ key: resetKey, limit: first });
  const limit = grown.key === resetKey ? grown.limit : first;
  const latest = useRef({ resetKey, limit });
  latest.current = { resetKey, limit };
  const more = useCallback(() => {
    const { resetKey: key, limit: now } = latest.current;
    setGrown({ key, limit: Math.max(now, step) + step });
  }, [step]);
  const shown = Math.min(limit, total);

  // Effects run after the first rows are painted; the rest of the first page follows.
  useEffect(() => {
    if (limit >= step || shown >= total) return;
    const id = setTimeout(() => setGrown({ key: resetKey, limit: step }), 0);
    return () => clearTimeout(id);
  }, [resetKey, limit, step, shown, total]);

  const sentinel = useRef<E>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || limit < step || shown >= total || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) more();
      },
      { rootMargin: '400px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [shown, total, limit, step, more]);
  /** The rest of the first page is still to come (no 显示更多 yet). */
  const filling = limit < step && shown < total;
  return { shown, more, sentinel, filling };
}
