import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('parseRoute', () => {
  it('reads the empty hash as the home page', () => {
    expect(parseRoute('').page).toBe('home');
    expect(parseRoute('#/').page).toBe('home');
  });

  it('reads the playground with its parameters', () => {
    const route = parseRoute('#/playground?lr=0.003&batch=32');
    expect(route.page).toBe('playground');
    expect(route.params.get('lr')).toBe('0.003');
    expect(route.params.get('batch')).toBe('32');
  });

  it('reads the data set editor with its parameters', () => {
    const route = parseRoute('#/data?set=shapes');
    expect(route.page).toBe('data');
    expect(route.params.get('set')).toBe('shapes');
    expect(parseRoute('#/data/x').page).toBe('notFound');
  });

  it('reads a learn chapter slug and the learn index', () => {
    expect(parseRoute('#/learn/convolution?size=5')).toMatchObject({ page: 'learn', slug: 'convolution' });
    expect(parseRoute('#/learn')).toMatchObject({ page: 'learn', slug: null });
    expect(parseRoute('#/learn/')).toMatchObject({ page: 'learn', slug: null });
  });

  it('reads an embedded widget with its parameters, and the list of embeds', () => {
    const route = parseRoute('#/embed/convolution?stride=2');
    expect(route).toMatchObject({ page: 'embed', widget: 'convolution' });
    expect(route.params.get('stride')).toBe('2');
    expect(parseRoute('#/embeds').page).toBe('embeds');
    expect(parseRoute('#/embed').page).toBe('embeds');
    expect(parseRoute('#/embed/a/b').page).toBe('notFound');
  });

  it('reports unknown paths instead of throwing', () => {
    expect(parseRoute('#/nowhere/at/all')).toMatchObject({ page: 'notFound', path: '/nowhere/at/all' });
    expect(parseRoute('#/learn/a/b')).toMatchObject({ page: 'notFound' });
    expect(parseRoute('#%%%')).toMatchObject({ page: 'notFound' });
  });

  it('round-trips through routeHash', () => {
    const hash = routeHash('/playground', new URLSearchParams({ lr: '0.01', seed: '7' }));
    expect(hash).toBe('#/playground?lr=0.01&seed=7');
    const route = parseRoute(hash);
    expect(route.page).toBe('playground');
    expect(route.params.get('seed')).toBe('7');
  });
});
