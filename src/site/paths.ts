/** The site's base path with a trailing slash (`/`, or `/sitrep/` under SITREP_BASE), for links. */
export const base = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');
