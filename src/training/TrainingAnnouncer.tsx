import { useEffect, useRef, useState } from 'react';
import { trainingAnnouncement, type AnnouncedView, type Announcement } from './trainingAnnouncements';

/** Quiet time between two progress reports: on a small training set epochs end every second. */
const PROGRESS_GAP_MS = 5000;

/**
 * A visually hidden status line for screen readers. The visible stats change with every batch;
 * this one speaks only when training starts, pauses or ends, and at finished epochs.
 */
export function TrainingAnnouncer({ view, epochs }: { view: AnnouncedView; epochs: number }) {
  const [latest, setLatest] = useState<{ view: AnnouncedView; announcement: Announcement | null }>({
    view,
    announcement: null,
  });
  // Compared while rendering (React's way to adjust state to new props) rather than in an effect.
  if (
    latest.view.state !== view.state ||
    latest.view.lastBatch !== view.lastBatch ||
    latest.view.evaluations !== view.evaluations
  ) {
    setLatest({ view, announcement: trainingAnnouncement(latest.view, view, epochs) ?? latest.announcement });
  }
  return (
    <p className="sr-only" role="status" data-testid="training-announcer">
      {useSpoken(latest.announcement)}
    </p>
  );
}

/** The text to show: urgent announcements at once, progress at most every PROGRESS_GAP_MS (the newest wins). */
function useSpoken(announcement: Announcement | null): string {
  const [spoken, setSpoken] = useState('');
  const spokenAt = useRef(-Infinity);
  useEffect(() => {
    if (!announcement) return;
    const wait = announcement.urgent ? 0 : spokenAt.current + PROGRESS_GAP_MS - performance.now();
    const timer = setTimeout(
      () => {
        spokenAt.current = performance.now();
        setSpoken(announcement.text);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [announcement]);
  return spoken;
}
