/**
 * The placeholders `npm run new` writes where a person must write (scripts/lib/new/templates.ts
 * writes these very texts), and how `check` recognises one left in a resolved incident or a
 * published postmortem: `TODO` alone, or a text holding one of the template's phrases (the
 * timeline of a postmortem quotes an incident's update, "Status update (investigating): TODO the
 * first public status update"). Ordinary writing that starts with the word (`TODO markers were
 * never tracked`, a quoted code comment `TODO: handle stale connections`, "TODO app outage") is not one.
 */
export const TODO = {
  word: 'TODO',
  title: 'TODO what users saw, in one line',
  impact: 'TODO who was affected, how, and for how long',
  update: 'TODO the first public status update',
  author: 'TODO your name',
  summary: 'TODO what happened, in a paragraph.',
} as const;

const PHRASES = [TODO.title, TODO.impact, TODO.update, TODO.author, TODO.summary];

export function isPlaceholder(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === TODO.word || PHRASES.some((p) => t.includes(p));
}
