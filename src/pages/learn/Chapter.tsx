import type { WrittenSlug } from './chapters';
import {
  ActivationChapter,
  ChannelsChapter,
  ConvolutionChapter,
  PaddingChapter,
  ParametersChapter,
  PoolingChapter,
} from './ExplorableChapters';
import { FeaturesChapter } from './FeaturesChapter';
import { HistoryChapter } from './HistoryChapter';
import { TrainingChapter } from './TrainingChapter';
import { WhyChapter } from './WhyChapter';

interface Props {
  slug: WrittenSlug;
  params: URLSearchParams;
}

const PAGES: Record<WrittenSlug, (props: Props) => React.JSX.Element> = {
  'why-convolutions': () => <WhyChapter />,
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
