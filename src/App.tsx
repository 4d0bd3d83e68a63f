import { lazy, Suspense, useEffect } from 'react';
import { useHashRoute } from './hooks/useHashRoute';
import { useClassroomMode, usePresenterKeys } from './hooks/presenter';
import { applyClassroomParams, setClassroomMode } from './state/classroomMode';
import { Home } from './pages/Home';
import { LearnIndex } from './pages/LearnIndex';
import { isWritten } from './pages/learn/chapters';
import { pageTfjsFlags } from './state/tfjsFlags';
import { BackendBadge } from './training/BackendBadge';
import { ParamNotices } from './widgets/ParamNotices';
import { NotFound } from './pages/NotFound';
import { UpdatePrompt } from './offline/UpdatePrompt';

// Pages that need tfjs load it on demand, so the rest of the site stays light.
const Playground = lazy(() => import('./pages/Playground'));
const Bench = lazy(() => import('./pages/Bench'));
const Embed = lazy(() => import('./pages/Embed'));
const Embeds = lazy(() => import('./pages/Embeds'));
// The data set editor uses no tfjs either; it is lazy because most visits never open it.
const DataEditor = lazy(() => import('./pages/DataEditor'));
// Chapters wrap the explorables, which compute with core/ only: no tfjs, so they open fast.
const Chapter = lazy(() => import('./pages/learn/Chapter'));

export function App() {
  const route = useHashRoute();
  useEffect(() => applyClassroomParams(route.params), [route]);
  const classroom = useClassroomMode();
  usePresenterKeys(classroom.on);
  useEffect(() => {
    const root = document.documentElement.classList;
    root.toggle('classroom', classroom.on);
    root.toggle('classroom--no-controls', classroom.on && !classroom.controls);
  }, [classroom]);
  if (route.page === 'embed') {
    return (
      <main id="main" className="embed-root">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Embed key={`${route.widget}?${route.params.toString()}`} widget={route.widget} params={route.params} />
        </Suspense>
      </main>
    );
  }
  return (
    <>
      <header className="site-header">
        <a className="site-header__brand" href="#/">
          ConvScope
        </a>
        <nav aria-label="Main">
          <a href="#/playground" aria-current={route.page === 'playground' ? 'page' : undefined}>
            Playground
          </a>
          <a href="#/data" aria-current={route.page === 'data' ? 'page' : undefined}>
            Your data
          </a>
          <a href="#/learn" aria-current={route.page === 'learn' ? 'page' : undefined}>
            Learn
          </a>
          <a href="#/embeds" aria-current={route.page === 'embeds' ? 'page' : undefined}>
            Embed
          </a>
        </nav>
        <button
          type="button"
          className="presenter-toggle"
          aria-pressed={classroom.on}
          onClick={() => setClassroomMode(!classroom.on)}
        >
          Presenter view
        </button>
        <BackendBadge />
      </header>
      <UpdatePrompt />
      <main id="main">
        {pageTfjsFlags().removed && !pageTfjsFlags().flags && (
          <ParamNotices
            notices={['tfjsflags in the address was ignored: TensorFlow.js settings cannot be changed from a link.']}
          />
        )}
        <Suspense fallback={<p role="status">Loading…</p>}>
          {route.page === 'home' && <Home />}
          {route.page === 'playground' && <Playground key={route.params.toString()} params={route.params} />}
          {route.page === 'data' && <DataEditor key={route.params.toString()} params={route.params} />}
          {route.page === 'learn' && <LearnPage slug={route.slug} params={route.params} />}
          {route.page === 'bench' && <Bench />}
          {route.page === 'embeds' && <Embeds />}
          {route.page === 'notFound' && <NotFound path={route.path} />}
        </Suspense>
      </main>
    </>
  );
}

function LearnPage({ slug, params }: { slug: string | null; params: URLSearchParams }) {
  // Keyed by the address, so editing the URL by hand starts the widgets from it.
  if (slug && isWritten(slug)) return <Chapter key={`${slug}?${params.toString()}`} slug={slug} params={params} />;
  return <LearnIndex slug={slug} />;
}
