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
    const results = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    list.replaceChildren(...results.map(item));
    status.textContent = `${search.results.length} result${search.results.length === 1 ? '' : 's'} for “${q}”${search.results.length > 30 ? ', the first 30 shown' : ''}.`;
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
