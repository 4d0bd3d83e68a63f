import { describe, expect, it } from 'vitest';
import { EMBEDS, embedInfo, iframeSnippet } from './embeds';

describe('embed snippets', () => {
  it('points the iframe at the embed route under the site address, with the example parameters', () => {
    const convolution = embedInfo('convolution')!;
    expect(iframeSnippet('https://example.org/courses/cnn/', convolution)).toBe(
      '<iframe src="https://example.org/courses/cnn/#/embed/convolution?size=5&kernel=3&stride=1&pad=valid" title="ConvScope: Convolution" width="100%" height="900" style="border:0" loading="lazy"></iframe>',
    );
  });

  it('leaves out the query when a widget has no parameters', () => {
    expect(iframeSnippet('https://x.org/', embedInfo('ilsvrc')!)).toContain('src="https://x.org/#/embed/ilsvrc"');
  });

  it('has unique ids and knows nothing of unknown ones', () => {
    expect(new Set(EMBEDS.map((e) => e.id)).size).toBe(EMBEDS.length);
    expect(embedInfo('nothing')).toBeUndefined();
  });
});
