/** The course outline; each chapter gets its own interactive page. Those with a page link to it. */
const AVAILABLE = new Set(['convolution', 'pooling', 'activation', 'channels']);

const CHAPTERS = [
  ['why-convolutions', 'Why convolutions'],
  ['convolution', 'The convolution operation'],
  ['parameters', 'Filter size, number of filters, stride and padding'],
  ['padding', 'Padding that preserves size'],
  ['channels', 'Convolution over several channels'],
  ['activation', 'Activation functions'],
  ['pooling', 'Pooling'],
  ['training', 'Training by backpropagation and gradient descent'],
  ['features', 'Conv layers extract features, dense layers classify'],
  ['history', 'From LeNet-5 to ResNet'],
] as const;

export function LearnIndex({ slug }: { slug: string | null }) {
  const chapter = CHAPTERS.find(([s]) => s === slug);
  return (
    <section>
      <h1>Learn</h1>
      {slug && (
        <p role="status" className="notice">
          {chapter ? `The chapter “${chapter[1]}” is being written.` : `There is no chapter called “${slug}”.`} Meanwhile, try the{' '}
          <a href="#/playground">playground</a> trains a real network.
        </p>
      )}
      <p>The chapters follow a university course on convolutional networks:</p>
      <ol>
        {CHAPTERS.map(([s, title]) => (
          <li key={s}>{AVAILABLE.has(s) ? <a href={`#/learn/${s}`}>{title}</a> : title}</li>
        ))}
      </ol>
    </section>
  );
}
