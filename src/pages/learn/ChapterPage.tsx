import { useEffect, type ReactNode } from 'react';
import { useClassroomMode } from '../../hooks/presenter';
import { useProgress } from '../../hooks/useProgress';
import { TryThis, type TryThisProps } from '../../widgets/TryThis';
import { CHAPTERS, chapterIndex, type ChapterInfo } from './chapters';
import './ChapterPage.css';

interface Props {
  slug: string;
  /** The chapter's opening paragraph(s). */
  lede: ReactNode;
  /** More reading before the picture (in presenter view folded away with the lede). */
  prose?: ReactNode;
  /** Between the reading and the picture; in presenter view it follows the picture. */
  before?: ReactNode;
  /** The chapter's picture: in presenter view it comes first, on the first screen. */
  stage?: ReactNode;
  children?: ReactNode;
}

/**
 * A chapter: its number and title, the content, and the way to the previous and next ones. In
 * presenter view the chapter is a stage: title, a one-line caption that opens onto the reading,
 * then the picture.
 */
export function ChapterPage({ slug, lede, prose, before, stage, children }: Props) {
  const index = chapterIndex(slug);
  const chapter = CHAPTERS[index]!;
  const { markVisited } = useProgress();
  const { on: presenter } = useClassroomMode();
  useEffect(() => markVisited(slug), [slug]); // eslint-disable-line react-hooks/exhaustive-deps
  const previous = CHAPTERS[index - 1];
  const next = CHAPTERS[index + 1];
  return (
    <article className={presenter ? 'chapter chapter--stage' : 'chapter'} data-testid="chapter" data-slug={slug}>
      {presenter ? (
        <StageHead chapter={chapter} index={index} lede={lede} prose={prose} />
      ) : (
        <>
          <ChapterNumber index={index} />
          <h1>{chapter.title}</h1>
          <div className="chapter__lede">{lede}</div>
          {prose}
          {before}
        </>
      )}
      {stage}
      {presenter && before}
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

function ChapterNumber({ index }: { index: number }) {
  return (
    <p className="chapter__number">
      Chapter {index + 1} of {CHAPTERS.length}
    </p>
  );
}

interface StageHeadProps {
  chapter: ChapterInfo;
  index: number;
  lede: ReactNode;
  prose: ReactNode;
}

/** Presenter view's head: number and title on one line, the reading folded under a one-line caption. */
function StageHead({ chapter, index, lede, prose }: StageHeadProps) {
  return (
    <>
      <div className="chapter__head">
        <ChapterNumber index={index} />
        <h1>{chapter.title}</h1>
      </div>
      <details className="chapter__caption" data-testid="chapter-caption">
        <summary>{chapter.summary}</summary>
        <div className="chapter__lede">{lede}</div>
        {prose}
      </details>
    </>
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
