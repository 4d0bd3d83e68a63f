import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  addEventListener('resize', onChange);
  return () => removeEventListener('resize', onChange);
}

const height = () => innerHeight;

/** The viewport's height in CSS px, following resizes (a projector, a rotated phone). */
export function useViewportHeight(): number {
  return useSyncExternalStore(subscribe, height, height);
}
