/**
 * ImageNet Large Scale Visual Recognition Challenge (ILSVRC) classification results and the
 * facts about landmark CNN architectures that the history chapter shows, as plain data.
 * Errors are percentages (0 to 100) of test images whose true class is not among the five
 * top-scoring guesses ("top-5 error").
 */

import type { ArchitectureId } from './architectureZoo';

/** A published top-5 figure for a year that the chart does not draw, with who reported it. */
export interface OtherFigure {
  /** Top-5 error, percent. */
  top5ErrorPct: number;
  /** What the figure is: whose entry or paper, under which conditions. */
  what: string;
  /** Where it is published. */
  source: string;
}

/** The winning classification entry of one ILSVRC year. */
export interface IlsvrcResult {
  year: number;
  /** Winning top-5 classification error, percent: the figure the chart draws. */
  top5ErrorPct: number;
  /** Winning team as listed in the results. */
  team: string;
  /** Short name of the winning model, for chart labels, e.g. "AlexNet". */
  model: string;
  /** Whether the winner was a convolutional neural network. */
  cnn: boolean;
  /** Which entry `top5ErrorPct` is, where a team entered more than one kind. */
  entry?: string;
  /** Other published figures for the same year, beside the one drawn. */
  otherFigures?: readonly OtherFigure[];
  /** Why the chart draws `top5ErrorPct` rather than one of `otherFigures`. */
  choice?: string;
  /** A notable runner-up, where the chapter mentions one. */
  runnerUp?: { team: string; model: string; top5ErrorPct: number };
}

/** Where every bar's figure comes from. */
export const ILSVRC_RESULTS_SOURCE =
  'the official ILSVRC results of each year (image-net.org/challenges/LSVRC), top-5 error of the winning ' +
  'classification entry on the challenge’s test images';

/** ILSVRC classification winners, 2010 to 2015, in year order. */
export const ILSVRC_RESULTS: readonly IlsvrcResult[] = [
  { year: 2010, top5ErrorPct: 28.2, team: 'NEC-UIUC', model: 'NEC-UIUC', cnn: false },
  { year: 2011, top5ErrorPct: 25.8, team: 'XRCE', model: 'XRCE', cnn: false },
  {
    year: 2012,
    top5ErrorPct: 16.4,
    team: 'SuperVision',
    model: 'AlexNet',
    cnn: true,
    entry: 'SuperVision’s entry trained on the supplied training data only',
    otherFigures: [
      {
        top5ErrorPct: 15.3,
        what: 'the same team’s official winning entry, which also trained on extra images from the ImageNet Fall 2011 release',
        source: 'official ILSVRC 2012 results; Krizhevsky et al. 2012',
      },
    ],
    choice: 'The chart draws 16.4%, so that the bar shows what the challenge’s own training data alone achieved.',
  },
  {
    year: 2013,
    top5ErrorPct: 11.7,
    team: 'Clarifai',
    model: 'Clarifai (Zeiler)',
    cnn: true,
    entry: 'the entry of Clarifai (Matthew Zeiler’s company), an average of several networks',
    otherFigures: [
      {
        top5ErrorPct: 14.8,
        what: 'the best test-set figure in the published ZFNet paper',
        source: 'Zeiler & Fergus, “Visualizing and Understanding Convolutional Networks”, 2014',
      },
    ],
    choice: 'The chart draws the competition entry, as for every other year.',
  },
  {
    year: 2014,
    top5ErrorPct: 6.7,
    team: 'GoogLeNet',
    model: 'GoogLeNet',
    cnn: true,
    runnerUp: { team: 'VGG', model: 'VGG', top5ErrorPct: 7.3 },
  },
  { year: 2015, top5ErrorPct: 3.57, team: 'MSRA', model: 'ResNet', cnn: true },
];

/** Estimated human top-5 error on ILSVRC images, percent (see {@link HUMAN_TOP5_ERROR_SOURCE}). */
export const HUMAN_TOP5_ERROR_PCT = 5.1;

/**
 * Where the human estimate comes from: Andrej Karpathy trained himself on the 1,000 classes and
 * labelled 1,500 images drawn from the test set; Russakovsky et al. (2015) report his 5.1%.
 */
export const HUMAN_TOP5_ERROR_SOURCE =
  'one trained annotator (Andrej Karpathy, 2014) labelling a sample of 1,500 test images, reported in ' +
  'Russakovsky et al. 2015: one person’s error, not a measure of people in general';

/** Facts about one landmark architecture. */
export interface ArchitectureFact {
  /** Key of the matching definition in `ARCHITECTURES` (core/architectureZoo). */
  id: Extract<ArchitectureId, 'lenet5' | 'alexnet' | 'vgg16' | 'googlenet' | 'resnet152'>;
  name: string;
  /** Year of the paper. */
  year: number;
  authors: string;
  /** The paper the facts come from, as the chapter cites it. */
  paper: string;
  /** Convolution and dense layers on the longest path of the definition drawn (GoogLeNet: its "22 layers deep"). */
  weightLayers: number;
  /** The depth in words: `weightLayers`, what it counts and, where it differs, the paper's own count. */
  depth: string;
  /** Trainable layers as the paper counts them, where that differs from `weightLayers` (LeNet-5: 7). */
  paperLayers?: number;
  /** Which implementation the parameter count is of, and the paper's own figure where it differs. */
  paramsNote: string;
  /** Its ILSVRC classification result, if it competed (from the official results). */
  ilsvrc?: { year: number; place: 1 | 2; top5ErrorPct: number };
  /** How it was trained, where the paper says. */
  training?: { gpus: number; minDays: number; maxDays: number; text: string };
  /** Parallel Inception modules (GoogLeNet only). */
  inceptionModules?: number;
  /** An earlier public demonstration (LeNet): its year and what it showed. */
  demo?: { year: number; text: string };
  /** One or two sentences for the chapter. */
  summary: string;
}

/** The landmark architectures in chronological order. */
export const ARCHITECTURE_FACTS: readonly ArchitectureFact[] = [
  {
    id: 'lenet5',
    name: 'LeNet-5',
    year: 1998,
    authors: 'Yann LeCun, Léon Bottou, Yoshua Bengio, Patrick Haffner',
    paper: 'LeCun et al., “Gradient-Based Learning Applied to Document Recognition”, 1998',
    weightLayers: 5,
    depth:
      '5 layers with weights in the modern re-implementation drawn below (3 convolution, 2 dense); the 1998 ' +
      'paper counts 7 trainable layers, because its two subsampling layers also learn a coefficient and a bias',
    paperLayers: 7,
    paramsNote: 'in the modern re-implementation drawn below (see its differences from the paper under the diagram)',
    demo: {
      year: 1993,
      text: 'A 1993 Bell Labs video shows LeNet-1, an earlier and smaller convolutional network, reading digits live',
    },
    summary: 'Convolutions, subsampling and a small classifier read handwritten digits on 32×32 images.',
  },
  {
    id: 'alexnet',
    name: 'AlexNet',
    year: 2012,
    authors: 'Alex Krizhevsky, Ilya Sutskever, Geoffrey Hinton',
    paper: 'Krizhevsky, Sutskever & Hinton, “ImageNet Classification with Deep Convolutional Neural Networks”, 2012',
    weightLayers: 8,
    depth: '8 layers with weights (5 convolution, 3 dense)',
    paramsNote:
      'in torchvision’s AlexNet (a single-GPU variant: 64/192/384/256/256 filters, no local response ' +
      'normalisation); the 2012 paper’s two-GPU network has about 60 million',
    ilsvrc: { year: 2012, place: 1, top5ErrorPct: 16.4 },
    training: { gpus: 2, minDays: 5, maxDays: 6, text: 'two GTX 580 GPUs for five to six days' },
    summary:
      'ReLU, dropout, data augmentation and GPU training cut the winning top-5 error from 25.8% in 2011 to 16.4% ' +
      '(15.3% with extra training images).',
  },
  {
    id: 'vgg16',
    name: 'VGG-16',
    year: 2014,
    authors: 'Karen Simonyan, Andrew Zisserman',
    paper: 'Simonyan & Zisserman, “Very Deep Convolutional Networks for Large-Scale Image Recognition”, 2014',
    weightLayers: 16,
    depth: '16 layers with weights (13 convolution, 3 dense)',
    paramsNote: 'in torchvision’s vgg16, the paper’s configuration D (the paper rounds it to 138 million)',
    ilsvrc: { year: 2014, place: 2, top5ErrorPct: 7.3 },
    summary: 'Only 3×3 convolutions, stacked deep: simple and uniform, but 138 million parameters.',
  },
  {
    id: 'googlenet',
    name: 'GoogLeNet (Inception v1)',
    year: 2014,
    authors: 'Christian Szegedy et al.',
    paper: 'Szegedy et al., “Going Deeper with Convolutions”, 2014',
    weightLayers: 22,
    depth:
      '22 layers deep: the paper’s count along its longest path, counting only layers with parameters ' +
      '(27 with the pooling layers)',
    inceptionModules: 9,
    paramsNote:
      'in torchvision’s googlenet, which adds batch normalisation and uses a 3×3 convolution in the “5×5” ' +
      'branch; the paper’s network, with real 5×5 convolutions, has by its own account 12 times fewer parameters ' +
      'than AlexNet',
    ilsvrc: { year: 2014, place: 1, top5ErrorPct: 6.7 },
    summary:
      'Nine Inception modules run 1×1, 3×3 and 5×5 convolutions and pooling side by side, with 1×1 convolutions keeping the cost low.',
  },
  {
    id: 'resnet152',
    name: 'ResNet-152',
    year: 2015,
    authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
    paper: 'He et al., “Deep Residual Learning for Image Recognition”, 2015',
    weightLayers: 152,
    depth:
      '152 layers with weights along its deepest path (151 convolution, 1 dense; shortcut projections not counted)',
    paramsNote: 'in torchvision’s resnet152',
    ilsvrc: { year: 2015, place: 1, top5ErrorPct: 3.57 },
    summary:
      'Shortcut connections add each block’s input to its output, so 152 layers still train. The winning 3.57% ' +
      '(an ensemble of residual networks) is below the 5.1% of the one trained human annotator.',
  },
];

/** The result of a given year, or undefined when the table has none. */
export function ilsvrcResult(year: number): IlsvrcResult | undefined {
  return ILSVRC_RESULTS.find((result) => result.year === year);
}
