import { lazy } from 'react';
import type { WrittenSlug } from './chapters';
import {
  ActivationChapter,
  ChannelsChapter,
  ConvolutionChapter,
  PaddingChapter,
  ParametersChapter,
  PoolingChapter,
} from './ExplorableChapters';

// The two chapters that run a model bring the trainer's client and its panels: loaded on their own,
// so the other chapters stay light (the app's Suspense shows "Loading…" meanwhile). The first and
// the last chapter share no explorable with the others: they load on their own too.
const WhyChapter = lazy(() => import('./WhyChapter').then((m) => ({ default: m.WhyChapter })));
const HistoryChapter = lazy(() => import('./HistoryChapter').then((m) => ({ default: m.HistoryChapter })));
const FeaturesChapter = lazy(() => import('./FeaturesChapter').then((m) => ({ default: m.FeaturesChapter })));
const TrainingChapter = lazy(() => import('./TrainingChapter').then((m) => ({ default: m.TrainingChapter })));

interface Props {
  slug: WrittenSlug;
  params: URLSearchParams;
}

const PAGES: Record<WrittenSlug, (props: Props) => React.JSX.Element> = {
  'why-convolutions': ({ params }) => <WhyChapter params={params} />,
  convolution: ({ params }) => <ConvolutionChapter params={params} />,
  parameters: ({ params }) => <ParametersChapter params={params} />,
  padding: ({ params }) => <PaddingChapter params={params} />,
  channels: ({ params }) => <ChannelsChapter params={params} />,
  activation: ({ params }) => <ActivationChapter params={params} />,
  pooling: ({ params }) => <PoolingChapter params={params} />,
  training: () => <TrainingChapter />,
  features: () => <FeaturesChapter />,
  history: () => <HistoryChapter />,
};

/** `#/learn/<slug>`: one chapter of the course. */
export default function Chapter(props: Props) {
  const Page = PAGES[props.slug];
  return <Page {...props} />;
}
