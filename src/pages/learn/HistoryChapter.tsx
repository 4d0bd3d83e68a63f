import { useMemo, useState } from 'react';
import { analyzeArchitecture } from '../../core/architectureAnalysis';
import { ARCHITECTURES } from '../../core/architectureZoo';
import { PRESET_SPECS } from '../../core/defaultSpec';
import { ARCHITECTURE_FACTS, HUMAN_TOP5_ERROR_PCT, ilsvrcResult, type ArchitectureFact } from '../../core/ilsvrc';
import { encodeSpec } from '../../core/specCodec';
import { ArchitectureDiagram } from '../../widgets/ArchitectureDiagram';
import { IlsvrcChart } from '../../widgets/IlsvrcChart';
import { ChapterPage, Question } from './ChapterPage';
import './HistoryChapter.css';

/** `text` with its first letter in upper case. */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A network's ILSVRC place and figure, with the year's other figure where it has one. */
function IlsvrcLine({ ilsvrc }: { ilsvrc: NonNullable<ArchitectureFact['ilsvrc']> }) {
  const result = ilsvrcResult(ilsvrc.year);
  const other = ilsvrc.place === 1 ? result?.otherFigures?.[0] : undefined;
  return (
    <li>
      ILSVRC {ilsvrc.year}: {ilsvrc.place === 1 ? 'winner' : 'second place'}, {ilsvrc.top5ErrorPct}% top-5 error
      {other && result?.entry ? ` (${result.entry}; ${other.top5ErrorPct}% is ${other.what})` : ''}.
    </li>
  );
}

/** A playground link that trains `preset` from random weights. */
function playgroundLink(preset: keyof typeof PRESET_SPECS): string {
  return `#/playground?weights=random&arch=${encodeSpec(PRESET_SPECS[preset]!.spec)}`;
}

export function HistoryChapter() {
  const [chosen, setChosen] = useState<ArchitectureFact['id']>('lenet5');
  const fact = ARCHITECTURE_FACTS.find((f) => f.id === chosen)!;
  const analysis = useMemo(() => analyzeArchitecture(ARCHITECTURES[chosen]), [chosen]);
  return (
    <ChapterPage
      slug="history"
      lede={
        <p>
          Convolutional networks are older than the deep-learning boom. LeNet-5 read handwritten digits in the 1990s.
          Then, from 2010, the ImageNet Large Scale Visual Recognition Challenge (ILSVRC) gave programs about 1.2
          million labelled photos of 1,000 classes to learn from, and scored them on a separate set of test photos by
          the <em>top-5 error</em>: how often the right class is not among a program&apos;s five guesses (as the
          organisers describe it in Russakovsky et al. 2015). In 2012 a CNN won by a wide margin, and every winner after
          it was a CNN.
        </p>
      }
      stage={
        <>
          <h2>ILSVRC: the winning top-5 error, year by year</h2>
          <IlsvrcChart />
        </>
      }
    >
      <Question
        id="history-human"
        task="Compare the bars with the dashed line."
        question={`In which year did the winner first beat the ${HUMAN_TOP5_ERROR_PCT}% of the one trained human annotator?`}
        options={['2012', '2014', '2015']}
        answer={2}
        explanation="GoogLeNet's 6.7% in 2014 was still above it; ResNet's 3.57% in 2015 was the first winning entry below. The line is one person's error on a sample of the test images, so it is a rough mark, not a measure of people in general."
      />
      <h2>Five landmark architectures</h2>
      <div className="chapter__prose">
        <p>
          Choose a network to see its layers, the shape of what each one outputs and how many parameters it learns.
          Every shape and count below is computed from the architecture&apos;s definition by ConvScope&apos;s own shape
          inference and matches the reference implementation named under the diagram.
        </p>
      </div>
      <fieldset className="history__choices">
        <legend>Architecture</legend>
        {ARCHITECTURE_FACTS.map((f) => (
          <label key={f.id}>
            <input type="radio" name="architecture" checked={chosen === f.id} onChange={() => setChosen(f.id)} />{' '}
            {f.name} ({f.year})
          </label>
        ))}
      </fieldset>
      <section aria-live="polite" data-testid="architecture-facts" data-architecture={fact.id}>
        <h3>
          {fact.name}, {fact.year}
        </h3>
        <p>
          {fact.authors}. {fact.summary}
        </p>
        <ul>
          <li>{capitalized(fact.depth)}.</li>
          <li>
            {analysis.totalParams.toLocaleString('en')} parameters {fact.paramsNote}.
          </li>
          {fact.ilsvrc && <IlsvrcLine ilsvrc={fact.ilsvrc} />}
          {fact.training && <li>Trained on {fact.training.text}, as the paper reports.</li>}
          {fact.inceptionModules && <li>{fact.inceptionModules} Inception modules.</li>}
          {fact.demo && <li>{fact.demo.text}.</li>}
        </ul>
        <p className="hint">
          Source: {fact.paper}
          {fact.ilsvrc ? `; ILSVRC figures from the official ILSVRC ${fact.ilsvrc.year} results` : ''}.
        </p>
      </section>
      <ArchitectureDiagram analysis={analysis} />
      <p className="hint">Counted as in: {ARCHITECTURES[chosen].source}</p>
      <Question
        id="history-params"
        task="Compare VGG-16 with ResNet-152."
        question="Which has more parameters?"
        options={['VGG-16, with 16 layers', 'ResNet-152, with 152 layers']}
        answer={0}
        explanation="VGG-16's first dense layer alone has over 100 million weights (7×7×512 inputs × 4,096 units). ResNet ends with global average pooling and one small dense layer, and its bottleneck blocks use cheap 1×1 convolutions."
      />
      <h2>Train small versions on MNIST</h2>
      <div className="chapter__prose">
        <p>
          The playground trains these ideas at MNIST scale in your browser: open one and press Train. The
          Inception-style network has one block of parallel 1×1, 3×3 and 5×5 convolutions and pooling, concatenated; the
          ResNet-style one has two residual blocks whose input is added to their output.
        </p>
        <ul>
          <li>
            <a href={playgroundLink('lenet5')}>LeNet-5 in the playground</a>
          </li>
          <li>
            <a href={playgroundLink('vggSmall')}>A small VGG-style network in the playground</a>
          </li>
          <li>
            <a href={playgroundLink('inception')}>A small Inception-style network in the playground</a>
          </li>
          <li>
            <a href={playgroundLink('residual')}>A small ResNet-style network in the playground</a>
          </li>
        </ul>
      </div>
    </ChapterPage>
  );
}
