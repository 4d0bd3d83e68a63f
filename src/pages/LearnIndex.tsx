import { useProgress } from '../hooks/useProgress';
import { CHAPTERS, isWritten } from './learn/chapters';
import './LearnIndex.css';

/** `#/learn`: the course outline, with the chapters the student has opened marked. */
export function LearnIndex({ slug }: { slug: string | null }) {
  const { progress } = useProgress();
  const chapter = CHAPTERS.find((c) => c.slug === slug);
  return (
    <section className="learn-index">
      <h1>Learn</h1>
      {slug && (
        <p role="status" className="notice">
          {chapter ? `The chapter “${chapter.title}” is being written.` : `There is no chapter called “${slug}”.`}{' '}
          Meanwhile, the <a href="#/playground">playground</a> trains a real network.
        </p>
      )}
      <p>Ten chapters, in the order of a university course on convolutional networks. Each one is interactive.</p>
      <ol className="chapter-list" data-testid="chapter-list">
        {CHAPTERS.map((c) => {
          const visited = progress.visited.includes(c.slug);
          return (
            <li key={c.slug} data-visited={visited || undefined}>
              {isWritten(c.slug) ? <a href={`#/learn/${c.slug}`}>{c.title}</a> : <span>{c.title}</span>}
              {visited && (
                <span className="chapter-list__visited">
                  {' '}
                  ✓ <span className="sr-only">opened before</span>
                </span>
              )}{' '}
              — {c.summary}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
