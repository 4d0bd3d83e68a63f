import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `quietMs`: a burst of changes comes out as its last
 * one. For live regions, which would otherwise read every intermediate state aloud.
 */
export function useSettledValue<T>(value: T, quietMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), quietMs);
    return () => clearTimeout(timer);
  }, [value, quietMs]);
  return settled;
}
