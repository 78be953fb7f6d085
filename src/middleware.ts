/**
 * During `npm run build`, hand every searchable page, as it is rendered, to the Pagefind index the
 * build started (scripts/lib/post-build.ts startSearchIndex), so the index is built beside the
 * rendering instead of after it. Outside the build (dev server, tests of pages) nothing is fed and
 * pages pass through unchanged.
 */
import { defineMiddleware } from 'astro:middleware';

const SEARCH_FEED = Symbol.for('sitrep.search-feed');

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const feed = (globalThis as { [SEARCH_FEED]?: { add(url: string, html: string): void } })[SEARCH_FEED];
  if (!feed || !response.headers.get('content-type')?.includes('text/html')) return response;
  const html = await response.text();
  // Only pages marked for search: Pagefind indexes nothing else once any page is marked.
  if (html.includes('data-pagefind-body')) {
    const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
    const path = context.url.pathname.replace(/\/?$/, '/');
    feed.add(path.startsWith(base) ? `/${path.slice(base.length)}` : path, html);
  }
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
