// Progressive enhancement of the incident history on /outages/: filters the rows in place and keeps
// the filter in the URL query (?service=…&severity=…), so a filtered view can be shared. Without
// JavaScript the page lists every incident.
(() => {
  const form = document.querySelector('form[data-history-filter]');
  if (!form) return;
  const names = ['service', 'severity', 'status', 'customer', 'from', 'to'];
  const rows = [...document.querySelectorAll('tr[data-incident]')];
  const counter = form.querySelector('[data-filter-count]');
  const current = () => Object.fromEntries(names.map((n) => [n, form.elements[n].value]));
  const matches = (tr, f) =>
    (!f.service || tr.dataset.service.split(' ').includes(f.service)) &&
    (!f.severity || tr.dataset.severity === f.severity) &&
    (!f.status || tr.dataset.status === f.status) &&
    (!f.customer || tr.dataset.customer === f.customer) &&
    (!f.from || tr.dataset.date >= f.from) &&
    (!f.to || tr.dataset.date <= f.to);
  const apply = () => {
    const f = current();
    let shown = 0;
    for (const tr of rows) {
      const ok = matches(tr, f);
      tr.hidden = !ok;
      if (ok) shown++;
    }
    for (const month of document.querySelectorAll('.history-month')) month.hidden = !month.querySelector('tr[data-incident]:not([hidden])');
    const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
    const search = query.toString() ? `?${query}` : '';
    history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
    for (const a of document.querySelectorAll('nav.pages a')) a.search = search;
    // With more than one page, the filter narrows this page's rows only: say so, and that it travels to the other pages.
    const pages = Number(form.dataset.pages ?? 1);
    const where = pages > 1 ? ` on this page (${form.dataset.page} of ${pages}; the filter goes with you to the others)` : '';
    if (counter) counter.textContent = `${shown} of ${rows.length} incidents shown${where}`;
  };
  const params = new URLSearchParams(location.search);
  for (const n of names) if (params.has(n)) form.elements[n].value = params.get(n);
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  apply();
})();
