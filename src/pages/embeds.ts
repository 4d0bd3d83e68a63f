/** The widgets that can be embedded in another page with `#/embed/<id>?<params>`. */
export interface EmbedInfo {
  id: string;
  title: string;
  /** What it shows, for the list of embeds. */
  description: string;
  /** An example query for the snippet, e.g. 'stride=2'. */
  example: string;
  /** The chapter it comes from, for the "open in ConvScope" link. */
  chapter: string;
  /** Height that fits it without scrolling, for the iframe snippet. */
  heightPx: number;
}

export const EMBEDS: readonly EmbedInfo[] = [
  {
    id: 'convolution',
    title: 'Convolution',
    description: 'A kernel sliding over a grid or a digit, every product on show.',
    example: 'size=5&kernel=3&stride=1&pad=valid',
    chapter: 'convolution',
    heightPx: 900,
  },
  {
    id: 'channels',
    title: 'Convolution over channels',
    description: 'Filters as deep as an RGB image, one map per filter.',
    example: 'filters=10',
    chapter: 'channels',
    heightPx: 1000,
  },
  {
    id: 'activation',
    title: 'Activation functions',
    description: 'ReLU, leaky ReLU, sigmoid and tanh on a feature map.',
    example: 'fn=relu',
    chapter: 'activation',
    heightPx: 900,
  },
  {
    id: 'pooling',
    title: 'Pooling',
    description: 'Max and average pooling, window by window.',
    example: 'pool=max&window=2&stride=2',
    chapter: 'pooling',
    heightPx: 900,
  },
  {
    id: 'shift',
    title: 'Dense unit vs. sliding filter',
    description: 'Move a digit: a dense unit loses it, a filter follows it.',
    example: '',
    chapter: 'why-convolutions',
    heightPx: 420,
  },
  {
    id: 'invariance',
    title: 'Shifted digits: CNN against dense',
    description:
      'Accuracy of a trained CNN and a dense network as test digits are shifted or turned, with and without augmentation.',
    example: 'sweep=shift',
    chapter: 'why-convolutions',
    heightPx: 720,
  },
  {
    id: 'backprop',
    title: 'Backpropagation in a convolution',
    description: 'A 3×3 filter learning by gradient descent, step by step.',
    example: '',
    chapter: 'training',
    heightPx: 900,
  },
  {
    id: 'network',
    title: 'Inside a trained network',
    description: 'The pretrained network’s feature maps for a test digit or a digit you draw.',
    example: '',
    chapter: 'features',
    heightPx: 1100,
  },
  {
    id: 'ilsvrc',
    title: 'ImageNet results',
    description: 'ILSVRC top-5 error by year, with the human estimate.',
    example: '',
    chapter: 'history',
    heightPx: 480,
  },
  {
    id: 'architecture',
    title: 'Famous architectures',
    description: 'Layer shapes and parameter counts of LeNet-5, AlexNet, VGG-16, GoogLeNet and ResNet.',
    example: 'arch=resnet152',
    chapter: 'history',
    heightPx: 700,
  },
];

export function embedInfo(id: string): EmbedInfo | undefined {
  return EMBEDS.find((e) => e.id === id);
}

/** The iframe snippet for an embed, given the site's address (with its sub-path). */
export function iframeSnippet(siteUrl: string, embed: EmbedInfo, query = embed.example): string {
  const src = `${siteUrl}#/embed/${embed.id}${query ? `?${query}` : ''}`;
  return `<iframe src="${src}" title="ConvScope: ${embed.title}" width="100%" height="${embed.heightPx}" style="border:0" loading="lazy"></iframe>`;
}
