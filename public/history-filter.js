// Progressive enhancement of the incident history on /outages/ and /outages/history/<n>/: filters the rows in
// place and keeps the filter in the URL query (?service=…&severity=…), so a filtered view can be shared. With more
// than one page, a filter narrows every page's incidents: the other pages are read (once, from the pager's links)
// and their rows listed here with this page's, in order; clearing the filter brings back this page and its pager.
// Without JavaScript the page lists its incidents and the pager links the others.
(() => {
  const form = document.querySelector('form[data-history-filter]');
  if (!form) return;
  const section = form.closest('section.history') ?? document;
  const pager = section.querySelector('nav.pages');
  const names = ['service', 'severity', 'status', 'customer', 'from', 'to'];
  const counter = form.querySelector('[data-filter-count]');
  const pages = Number(form.dataset.pages ?? 1);
  const here = Number(form.dataset.page ?? 1);
  const own = [...section.querySelectorAll('.history-month')];
  /** Every page's months, this page's among them, once read: a list of its own, shown in place of this page's. */
  let every;
  let reading = false;
  let failed = false;
  const current = () => Object.fromEntries(names.map((n) => [n, form.elements[n].value]));
  const matches = (tr, f) =>
    (!f.service || tr.dataset.service.split(' ').includes(f.service)) &&
    (!f.severity || tr.dataset.severity === f.severity) &&
    (!f.status || tr.dataset.status === f.status) &&
    (!f.customer || tr.dataset.customer === f.customer) &&
    (!f.from || tr.dataset.date >= f.from) &&
    (!f.to || tr.dataset.date <= f.to);

  /**
   * Read the other pages and list every page's months in order; a month split between two pages becomes one. A page
   * that is not one of this history's (another build's, with another number of pages, or no history at all) fails
   * the read, and the first failure stops the others; an incident listed twice (pages of two builds) is listed once.
   */
  const readEveryPage = async () => {
    const links = [...(pager?.querySelectorAll('a:not([rel])') ?? [])].map((a) => [Number(a.textContent), a.href]);
    const stop = new AbortController();
    const read = await Promise.all(
      links.map(async ([n, url]) => {
        const res = await fetch(url, { signal: stop.signal });
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        if (doc.querySelector('form[data-history-filter]')?.dataset.pages !== String(pages)) throw new Error(`${url}: not a page of this history`);
        return [n, [...doc.querySelectorAll('.history-month')]];
      }),
    ).catch((e) => {
      stop.abort();
      throw e;
    });
    read.push([here, own]);
    read.sort((a, b) => a[0] - b[0]);
    const list = document.createElement('div');
    list.dataset.everyPage = '';
    const seen = new Set();
    for (const [, months] of read) {
      for (const month of months) {
        const last = list.lastElementChild;
        const copy = document.importNode(month, true);
        for (const tr of copy.querySelectorAll('tr[data-incident]')) {
          if (seen.has(tr.dataset.incident)) tr.remove();
          seen.add(tr.dataset.incident);
        }
        if (last && last.dataset.month === copy.dataset.month) last.querySelector('tbody').append(...copy.querySelectorAll('tbody tr'));
        else list.append(copy);
      }
    }
    list.hidden = true;
    (own.at(-1) ?? form).after(list);
    return list;
  };

  const apply = () => {
    const f = current();
    const filtering = names.some((n) => f[n] !== '');
    if (filtering && pages > 1 && !every && !reading && !failed) {
      reading = true;
      readEveryPage().then(
        (list) => {
          every = list;
          apply();
        },
        () => {
          // Tried again at the reader's next change of the filter.
          reading = false;
          failed = true;
          apply();
        },
      );
    }
    const across = filtering && every !== undefined;
    if (every) every.hidden = !across;
    for (const month of own) month.hidden = across;
    if (pager) pager.hidden = across;
    const rows = across ? [...every.querySelectorAll('tr[data-incident]')] : own.flatMap((m) => [...m.querySelectorAll('tr[data-incident]')]);
    let shown = 0;
    for (const tr of rows) {
      const ok = matches(tr, f);
      tr.hidden = !ok;
      if (ok) shown++;
    }
    for (const month of across ? every.querySelectorAll('.history-month') : own) month.hidden = !month.querySelector('tr[data-incident]:not([hidden])');
    const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
    const search = query.toString() ? `?${query}` : '';
    history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
    for (const a of pager?.querySelectorAll('a') ?? []) a.search = search;
    if (!counter) return;
    if (across) counter.textContent = `${shown} of ${rows.length} incidents match, on every page`;
    else if (filtering && pages > 1) counter.textContent = `${shown} of ${rows.length} incidents shown on this page (${here} of ${pages}); ${failed ? 'the other pages could not be read' : `reading the other ${pages - 1}…`}`;
    else counter.textContent = `${shown} of ${rows.length} incidents shown${pages > 1 ? ` on this page (${here} of ${pages})` : ''}`;
  };
  const params = new URLSearchParams(location.search);
  for (const n of names) if (params.has(n)) form.elements[n].value = params.get(n);
  const changed = () => {
    failed = false;
    apply();
  };
  form.addEventListener('change', changed);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    changed();
  });
  apply();
})();
