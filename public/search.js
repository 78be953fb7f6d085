// Site search, run in the browser over the Pagefind index written at build time (/pagefind/).
// Progressive enhancement: without JavaScript the search page says so, and every page stays
// reachable from the navigation. The query is kept in the URL (?q=), so a search can be shared.
const form = document.querySelector('form[data-search]');
if (form) {
  const input = form.querySelector('input[name="q"]');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const base = form.dataset.base || '/';
  // The index comes in shards (pagefind/shards.json, written by the build): the first shard's
  // Pagefind takes in the others, and a search asks them all and ranks their results together.
  let indexLoad;
  const load = async () => {
    const response = await fetch(`${base}pagefind/shards.json`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`pagefind/shards.json: ${response.status}`);
    const { shards } = await response.json();
    if (shards.length === 0) return null;
    const module = await import(`${base}pagefind/${shards[0]}pagefind.js`);
    try {
      await module.options({ baseUrl: base });
      await Promise.all(shards.slice(1).map((shard) => module.mergeIndex(`${base}pagefind/${shard}`, { baseUrl: base })));
    } catch (e) {
      // Pagefind keeps a shard that failed to load in its list: start afresh on the next search.
      await module.destroy();
      throw e;
    }
    return module;
  };
  const PAGE = 30;
  const item = (d) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta && d.meta.title ? d.meta.title : d.url;
    const p = document.createElement('p');
    p.className = 'muted';
    // The excerpt is text from our own pages with <mark> around the hits: keep the words only.
    p.textContent = (d.excerpt || '').replace(/<[^>]*>/g, '');
    li.append(a, p);
    return li;
  };
  // One button for the next thirty results, kept in place while it is in use (moving it would drop
  // the keyboard focus), and one search at a time: each search has a number, and whatever an older
  // one is still loading is dropped when it arrives.
  const more = document.createElement('button');
  more.type = 'button';
  more.id = 'search-more';
  let current = 0;
  let showMore = null;
  more.addEventListener('click', () => showMore?.());
  const run = async (q) => {
    const id = ++current;
    showMore = null;
    list.replaceChildren();
    list.removeAttribute('aria-busy');
    more.disabled = false;
    more.remove();
    if (!q.trim()) {
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    let all;
    let pagefind;
    try {
      pagefind = await (indexLoad ??= load());
    } catch {
      indexLoad = undefined;
      if (id === current) status.textContent = 'The search index could not be loaded: try again, or browse from the menu.';
      return;
    }
    try {
      all = pagefind ? (await pagefind.search(q)).results : [];
    } catch {
      if (id === current) status.textContent = 'The search failed: try again.';
      return;
    }
    if (id !== current) return;
    // Thirty at a time: each result's excerpt is a request of its own.
    let shown = 0;
    let loading = false;
    const show = async () => {
      if (loading || id !== current) return;
      loading = true;
      more.disabled = true;
      list.setAttribute('aria-busy', 'true');
      const next = await Promise.all(all.slice(shown, shown + PAGE).map((r) => r.data()));
      if (id !== current) return;
      const items = next.map(item);
      list.append(...items);
      const first = shown === 0;
      shown += next.length;
      loading = false;
      more.disabled = false;
      list.removeAttribute('aria-busy');
      status.textContent = `${all.length} result${all.length === 1 ? '' : 's'} for “${q}”${all.length > shown ? `, the first ${shown} shown` : ''}.`;
      if (all.length > shown) {
        more.textContent = `Show ${Math.min(PAGE, all.length - shown)} more`;
        if (!more.isConnected) list.after(more);
      } else more.remove();
      // After "Show more", the keyboard goes on from the first result it brought.
      if (!first) items[0]?.querySelector('a')?.focus();
    };
    showMore = show;
    await show();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value;
    const url = new URL(location.href);
    url.searchParams.set('q', q);
    history.replaceState(null, '', url);
    run(q);
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    run(q);
  }
}
