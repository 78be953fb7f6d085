// Site search, run in the browser over the Pagefind index written at build time (/pagefind/).
// Progressive enhancement: without JavaScript the search page says so, and every page stays
// reachable from the navigation. The query is kept in the URL (?q=), so a search can be shared.
const form = document.querySelector('form[data-search]');
if (form) {
  const input = form.querySelector('input[name="q"]');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const base = form.dataset.base || '/';
  let pagefind;
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
  const run = async (q) => {
    list.replaceChildren();
    document.getElementById('search-more')?.remove();
    if (!q.trim()) {
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    if (!pagefind) {
      pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base });
    }
    const search = await pagefind.search(q);
    const all = search.results;
    // Thirty at a time: each result's excerpt is a request of its own; a button brings the next thirty.
    const more = document.createElement('button');
    more.type = 'button';
    more.id = 'search-more';
    const show = async () => {
      const shown = list.children.length;
      const next = await Promise.all(all.slice(shown, shown + PAGE).map((r) => r.data()));
      list.append(...next.map(item));
      const now = list.children.length;
      status.textContent = `${all.length} result${all.length === 1 ? '' : 's'} for “${q}”${all.length > now ? `, the first ${now} shown` : ''}.`;
      if (all.length > now) {
        more.textContent = `Show ${Math.min(PAGE, all.length - now)} more`;
        list.after(more);
      } else more.remove();
    };
    more.addEventListener('click', () => void show());
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
