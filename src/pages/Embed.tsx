import { useMemo } from 'react';
import { analyzeArchitecture } from '../core/architectureAnalysis';
import { ARCHITECTURES, type ArchitectureId } from '../core/architectureZoo';
import { ArchitectureDiagram } from '../widgets/ArchitectureDiagram';
import { BackpropStepper } from '../widgets/BackpropStepper';
import { IlsvrcChart } from '../widgets/IlsvrcChart';
import { ParamNotices } from '../widgets/ParamNotices';
import ActivationExplorable from './ActivationExplorable';
import ChannelsExplorable from './ChannelsExplorable';
import ConvolutionExplorable from './ConvolutionExplorable';
import { EMBEDS, embedInfo } from './embeds';
import { InvarianceSection } from './learn/InvarianceSection';
import { PretrainedNetwork } from './learn/PretrainedNetwork';
import { ShiftDemo } from './learn/WhyChapter';
import PoolingExplorable from './PoolingExplorable';
import './Embed.css';

interface Props {
  widget: string;
  params: URLSearchParams;
}

/**
 * `#/embed/<widget>?<params>`: one widget alone, for an iframe in a course page. It never
 * reads or messages the parent page; links open ConvScope in a new tab.
 */
export default function Embed({ widget, params }: Props) {
  const info = embedInfo(widget);
  if (!info) {
    return (
      <section className="embed-missing">
        <h1>No such widget</h1>
        <p role="alert" className="error">
          There is no embeddable widget called “{widget}”. The widgets are: {EMBEDS.map((e) => e.id).join(', ')}.
        </p>
      </section>
    );
  }
  return (
    <section className="embed" data-testid="embed" data-widget={info.id} aria-label={`ConvScope: ${info.title}`}>
      <h1 className="embed__title">{info.title}</h1>
      <EmbeddedWidget id={info.id} params={params} />
      <p className="embed__credit">
        <a href={`#/learn/${info.chapter}`} target="_blank" rel="noopener noreferrer">
          Open in ConvScope
        </a>
      </p>
    </section>
  );
}

function EmbeddedWidget({ id, params }: { id: string; params: URLSearchParams }) {
  const path = `/embed/${id}`;
  switch (id) {
    case 'convolution':
      return <ConvolutionExplorable params={params} path={path} framed />;
    case 'channels':
      return <ChannelsExplorable params={params} path={path} framed />;
    case 'activation':
      return <ActivationExplorable params={params} path={path} framed />;
    case 'pooling':
      return <PoolingExplorable params={params} path={path} framed />;
    case 'shift':
      return <ShiftDemo />;
    case 'invariance':
      return <InvarianceSection params={params} path={path} eager />;
    case 'backprop':
      return <BackpropStepper />;
    case 'network':
      return <PretrainedNetwork />;
    case 'ilsvrc':
      return <IlsvrcChart />;
    default:
      return <Architecture params={params} />;
  }
}

function Architecture({ params }: { params: URLSearchParams }) {
  const requested = params.get('arch') ?? 'resnet152';
  const id = (Object.hasOwn(ARCHITECTURES, requested) ? requested : 'resnet152') as ArchitectureId;
  const notices =
    id === requested
      ? []
      : [`arch=${requested} is not one of ${Object.keys(ARCHITECTURES).join(', ')}; showing resnet152.`];
  const analysis = useMemo(() => analyzeArchitecture(ARCHITECTURES[id]), [id]);
  return (
    <>
      <ParamNotices notices={notices} />
      <ArchitectureDiagram analysis={analysis} />
    </>
  );
}
