import { lazy, Suspense } from 'react';
import './Home.css';

// Its download code loads on its own, so the pages that share this chunk (every page) stay light.
const MakeOffline = lazy(() => import('../offline/MakeOffline').then((m) => ({ default: m.MakeOffline })));
// The network and its pad load on their own too: they compute without tfjs, but other pages need none of it.
const HomeNetwork = lazy(() => import('./HomeNetwork'));

export function Home() {
  return (
    <section className="home">
      <h1 className="home__title">See a convolutional network read your handwriting</h1>
      <Suspense fallback={<p role="status">Loading the trained network…</p>}>
        <HomeNetwork />
      </Suspense>
      <p>
        This small convolutional neural network was trained on the real MNIST handwritten digits (60,000 training and
        10,000 test images). Every column above is one layer; click any cell to see how it was computed. ConvScope
        trains such networks right here in your browser, and shows what happens inside while they learn.
      </p>
      <ul className="home__cards">
        <li>
          <a className="home__card" href="#/playground">
            <strong className="home__card-title">Playground</strong>
            <span className="home__card-text">Press Train and watch the loss fall and the accuracy climb, live.</span>
          </a>
        </li>
        <li>
          <a className="home__card" href="#/learn">
            <strong className="home__card-title">Learn</strong>
            <span className="home__card-text">
              Convolution, padding, stride, pooling and training, one idea at a time.
            </span>
          </a>
        </li>
      </ul>
      <Suspense fallback={null}>
        <MakeOffline />
      </Suspense>
    </section>
  );
}
