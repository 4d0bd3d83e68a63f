/** The course, in order: each chapter's address, title and one-line summary. */
export interface ChapterInfo {
  slug: string;
  title: string;
  summary: string;
}

export const CHAPTERS: readonly ChapterInfo[] = [
  {
    slug: 'why-convolutions',
    title: 'Why convolutions',
    summary: 'A dense layer must relearn a pattern at every position; a filter slides.',
  },
  {
    slug: 'convolution',
    title: 'The convolution operation',
    summary: 'A 3×3 filter on 5×5 data, one weighted sum at a time.',
  },
  {
    slug: 'parameters',
    title: 'Filter size, number of filters, stride and padding',
    summary: 'The four settings that decide the output volume.',
  },
  {
    slug: 'padding',
    title: 'Padding that preserves size',
    summary: 'How much zero-padding keeps the output as large as the input.',
  },
  {
    slug: 'channels',
    title: 'Convolution over several channels',
    summary: 'Filters as deep as their input, one number per position.',
  },
  {
    slug: 'activation',
    title: 'Activation functions',
    summary: 'ReLU and friends, applied to every cell of a feature map.',
  },
  {
    slug: 'pooling',
    title: 'Pooling',
    summary: '2×2 max pooling with stride 2 halves each side of a feature map: a quarter of the cells remain.',
  },
  {
    slug: 'training',
    title: 'Training by backpropagation and gradient descent',
    summary: 'How a filter learns: the gradient inside a convolution, step by step.',
  },
  {
    slug: 'features',
    title: 'Conv layers extract features, dense layers classify',
    summary: 'A trained network, layer by layer, on a digit you draw.',
  },
  {
    slug: 'history',
    title: 'From LeNet-5 to ResNet',
    summary: 'Seventeen years of CNNs, 1998 to 2015, and the ImageNet challenge.',
  },
];

/** Chapters whose pages are written; the others are listed without a link. */
const WRITTEN_CHAPTERS = [
  'why-convolutions',
  'convolution',
  'parameters',
  'padding',
  'channels',
  'activation',
  'pooling',
  'training',
  'features',
  'history',
] as const;
export type WrittenSlug = (typeof WRITTEN_CHAPTERS)[number];

export function isWritten(slug: string): slug is WrittenSlug {
  return (WRITTEN_CHAPTERS as readonly string[]).includes(slug);
}

export function chapterIndex(slug: string): number {
  return CHAPTERS.findIndex((c) => c.slug === slug);
}
