import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * How many rows of a long list to render: `step` at first, `step` more when the reader asks
 * (显示更多) or scrolls the sentinel into view. Starts over when `resetKey` changes (new filter),
 * so 10 000 notes never become 10 000 DOM rows at once.
 */
export function useIncremental<E extends HTMLElement>(total: number, resetKey: unknown, step = 200) {
  const [limit, setLimit] = useState(step);
  useEffect(() => setLimit(step), [resetKey, step]);
  const more = useCallback(() => setLimit((n) => n + step), [step]);
  const sentinel = useRef<E>(null);
  const shown = Math.min(limit, total);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || shown >= total || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more();
    }, { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [shown, total, more]);
  return { shown, more, sentinel };
}
