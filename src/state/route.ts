/**
 * Hash routes: `#/playground?lr=0.001`, `#/data?set=shapes`, `#/learn/<slug>`, `#/embed/<widget>`, `#/embeds`, `#/` (home).
 * Parsing never throws; an unknown path is a 'notFound' route the shell explains.
 */

export type Route =
  | { page: 'home'; params: URLSearchParams }
  | { page: 'playground'; params: URLSearchParams }
  /** The data set editor: the user's own classes and examples. */
  | { page: 'data'; params: URLSearchParams }
  | { page: 'learn'; slug: string | null; params: URLSearchParams }
  | { page: 'bench'; params: URLSearchParams }
  /** One widget alone, for an iframe in another site. */
  | { page: 'embed'; widget: string; params: URLSearchParams }
  /** The list of embeddable widgets with their iframe snippets. */
  | { page: 'embeds'; params: URLSearchParams }
  | { page: 'notFound'; path: string; params: URLSearchParams };

/** Parses `location.hash` (with or without the leading '#'). */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const queryAt = body.indexOf('?');
  const path = (queryAt >= 0 ? body.slice(0, queryAt) : body).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(queryAt >= 0 ? body.slice(queryAt + 1) : '');
  const parts = path.split('/').filter(Boolean);
  const [first, second, ...rest] = parts;
  if (parts.length === 0) return { page: 'home', params };
  if (first === 'playground' && parts.length === 1) return { page: 'playground', params };
  if (first === 'data' && parts.length === 1) return { page: 'data', params };
  if (first === 'bench' && parts.length === 1) return { page: 'bench', params };
  if (first === 'learn' && rest.length === 0) return { page: 'learn', slug: second ?? null, params };
  if (first === 'embed' && second && rest.length === 0) return { page: 'embed', widget: second, params };
  if ((first === 'embed' || first === 'embeds') && parts.length === 1) return { page: 'embeds', params };
  return { page: 'notFound', path, params };
}

/** The hash for a page path and its parameters, e.g. `#/playground?lr=0.01`. */
export function routeHash(path: string, params?: URLSearchParams): string {
  const query = params?.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The parameters of the route in the address bar now. */
export function currentRouteParams(): URLSearchParams {
  const hash = window.location.hash;
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
}

/** Rewrites the current route's parameters in the address bar, without a navigation. */
export function replaceRouteParams(change: (params: URLSearchParams) => URLSearchParams): void {
  const hash = window.location.hash;
  const query = hash.indexOf('?');
  const path = (query < 0 ? hash : hash.slice(0, query)).replace(/^#/, '') || '/';
  window.history.replaceState(null, '', routeHash(path, change(currentRouteParams())));
}
