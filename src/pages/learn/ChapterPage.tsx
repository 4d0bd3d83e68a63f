import { useEffect, type ReactNode } from 'react';
import { useProgress } from '../../hooks/useProgress';
import { TryThis, type TryThisProps } from '../../widgets/TryThis';
import { CHAPTERS, chapterIndex } from './chapters';
import './ChapterPage.css';

interface Props {
  slug: string;
  /** The chapter's opening paragraph(s). */
  lede: ReactNode;
  children: ReactNode;
}

/** A chapter: its number and title, the content, and the way to the previous and next ones. */
export function ChapterPage({ slug, lede, children }: Props) {
  const index = chapterIndex(slug);
  const chapter = CHAPTERS[index]!;
  const { markVisited } = useProgress();
  useEffect(() => markVisited(slug), [slug]); // eslint-disable-line react-hooks/exhaustive-deps
  const previous = CHAPTERS[index - 1];
  const next = CHAPTERS[index + 1];
  return (
    <article className="chapter" data-testid="chapter" data-slug={slug}>
      <p className="chapter__number">
        Chapter {index + 1} of {CHAPTERS.length}
      </p>
      <h1>{chapter.title}</h1>
      <div className="chapter__lede">{lede}</div>
      {children}
      <nav className="chapter__nav" aria-label="Chapters">
        {previous ? (
          <a href={`#/learn/${previous.slug}`} rel="prev">
            ← {index}. {previous.title}
          </a>
        ) : (
          <a href="#/learn">← All chapters</a>
        )}
        {next ? (
          <a href={`#/learn/${next.slug}`} rel="next">
            {index + 2}. {next.title} →
          </a>
        ) : (
          <a href="#/playground">Build your own in the playground →</a>
        )}
      </nav>
    </article>
  );
}

/** A predict-then-reveal question whose answer is remembered with the student's progress. */
export function Question(props: Omit<TryThisProps, 'previously' | 'onAnswer'>) {
  const { progress, recordAnswer } = useProgress();
  return (
    <TryThis
      {...props}
      previously={progress.answered[props.id]}
      onAnswer={(correct) => recordAnswer(props.id, correct)}
    />
  );
}
