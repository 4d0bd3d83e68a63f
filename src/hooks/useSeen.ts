import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element has come within `marginPx` of the viewport yet (and stays true after):
 * for work a page should start only once the reader gets near it. True at once where the browser
 * has no IntersectionObserver, or when `enabled` is false (nothing to wait for).
 */
export function useSeen(ref: RefObject<Element | null>, enabled = true, marginPx = 0): boolean {
  const [seen, setSeen] = useState(!enabled || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: `${marginPx}px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, seen, marginPx]);
  return seen;
}
