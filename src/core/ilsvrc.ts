/**
 * ImageNet Large Scale Visual Recognition Challenge (ILSVRC) classification results and the
 * facts about landmark CNN architectures that the history chapter shows, as plain data.
 * Errors are percentages (0 to 100) of test images whose true class is not among the five
 * top-scoring guesses ("top-5 error").
 */

import type { ArchitectureId } from './architectureZoo';

/** The winning classification entry of one ILSVRC year. */
export interface IlsvrcResult {
  year: number;
  /** Winning top-5 classification error, percent. */
  top5ErrorPct: number;
  /** Winning team as listed in the results. */
  team: string;
  /** Short name of the winning model, for chart labels, e.g. "AlexNet". */
  model: string;
  /** Whether the winner was a convolutional neural network. */
  cnn: boolean;
  /** A notable runner-up, where the chapter mentions one. */
  runnerUp?: { team: string; model: string; top5ErrorPct: number };
}

/** ILSVRC classification winners, 2010 to 2015, in year order. */
export const ILSVRC_RESULTS: readonly IlsvrcResult[] = [
  { year: 2010, top5ErrorPct: 28.2, team: 'NEC-UIUC', model: 'NEC-UIUC', cnn: false },
  { year: 2011, top5ErrorPct: 25.8, team: 'XRCE', model: 'XRCE', cnn: false },
  { year: 2012, top5ErrorPct: 16.4, team: 'SuperVision', model: 'AlexNet', cnn: true },
  { year: 2013, top5ErrorPct: 11.7, team: 'Clarifai', model: 'ZFNet / Clarifai', cnn: true },
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

/**
 * Estimated human top-5 error on ILSVRC images, percent: Andrej Karpathy’s estimate (2014),
 * his own top-5 error after training himself on ImageNet classes, labelling 1,500 test images
 * (Russakovsky et al. 2015).
 */
export const HUMAN_TOP5_ERROR_PCT = 5.1;

/** Facts about one landmark architecture. */
export interface ArchitectureFact {
  /** Key of the matching definition in `ARCHITECTURES` (core/architectureZoo). */
  id: Extract<ArchitectureId, 'lenet5' | 'alexnet' | 'vgg16' | 'googlenet' | 'resnet152'>;
  name: string;
  /** Year of the paper. */
  year: number;
  authors: string;
  /** Convolution and dense layers on the longest path (GoogLeNet: its "22 layers deep"). */
  weightLayers: number;
  /** Its ILSVRC classification result, if it competed. */
  ilsvrc?: { year: number; place: 1 | 2; top5ErrorPct: number };
  /** How it was trained, where the paper says. */
  training?: { gpus: number; minDays: number; maxDays: number; text: string };
  /** Parallel Inception modules (GoogLeNet only). */
  inceptionModules?: number;
  /** Year of an earlier public demonstration (LeNet). */
  demoYear?: number;
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
    weightLayers: 5,
    demoYear: 1993,
    summary:
      'Convolutions, subsampling and a small classifier read handwritten digits on 32×32 images; ' +
      'a 1993 demo at Bell Labs already showed a convolutional network reading digits live.',
  },
  {
    id: 'alexnet',
    name: 'AlexNet',
    year: 2012,
    authors: 'Alex Krizhevsky, Ilya Sutskever, Geoffrey Hinton',
    weightLayers: 8,
    ilsvrc: { year: 2012, place: 1, top5ErrorPct: 16.4 },
    training: { gpus: 2, minDays: 5, maxDays: 6, text: 'two GTX 580 GPUs for five to six days' },
    summary: 'ReLU, dropout, data augmentation and GPU training cut the winning ImageNet error from 25.8% to 16.4%.',
  },
  {
    id: 'vgg16',
    name: 'VGG-16',
    year: 2014,
    authors: 'Karen Simonyan, Andrew Zisserman',
    weightLayers: 16,
    ilsvrc: { year: 2014, place: 2, top5ErrorPct: 7.3 },
    summary: 'Only 3×3 convolutions, stacked deep: simple and uniform, but 138 million parameters.',
  },
  {
    id: 'googlenet',
    name: 'GoogLeNet (Inception v1)',
    year: 2014,
    authors: 'Christian Szegedy et al.',
    weightLayers: 22,
    inceptionModules: 9,
    ilsvrc: { year: 2014, place: 1, top5ErrorPct: 6.7 },
    summary:
      'Nine Inception modules run 1×1, 3×3 and 5×5 convolutions and pooling side by side, with 1×1 convolutions keeping the cost low.',
  },
  {
    id: 'resnet152',
    name: 'ResNet-152',
    year: 2015,
    authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
    weightLayers: 152,
    ilsvrc: { year: 2015, place: 1, top5ErrorPct: 3.57 },
    training: { gpus: 8, minDays: 14, maxDays: 21, text: 'eight GPUs for two to three weeks' },
    summary:
      'Shortcut connections add each block’s input to its output, so 152 layers still train; its 3.57% top-5 error is below the estimated human 5.1%.',
  },
];

/** The result of a given year, or undefined when the table has none. */
export function ilsvrcResult(year: number): IlsvrcResult | undefined {
  return ILSVRC_RESULTS.find((result) => result.year === year);
}
