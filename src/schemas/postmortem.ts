import { z } from 'zod';
import { date, id } from './common.ts';

export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;

/** Sections a blameless postmortem has, as `##` headings, in this order. */
export const POSTMORTEM_SECTIONS = [
  'Summary',
  'Impact',
  'Timeline',
  'Root cause',
  'Contributing factors',
  'What went well',
  'What went wrong',
  'Action items',
  'Lessons learned',
] as const;

/**
 * Other names the common postmortem templates (the Google SRE book's and its copies, PagerDuty's,
 * Atlassian's, Etsy's) give these sections, compared without case, punctuation and numbering:
 * `## 3. Root Causes:` is the Root cause section. Trigger counts as the contributing factors.
 */
export const SECTION_ALIASES: Record<(typeof POSTMORTEM_SECTIONS)[number], readonly string[]> = {
  Summary: ['summary', 'executive summary', 'incident summary', 'overview', 'tl dr', 'tldr'],
  Impact: ['impact', 'customer impact', 'user impact', 'business impact', 'impact assessment'],
  Timeline: ['timeline', 'incident timeline', 'timeline of events', 'chronology', 'sequence of events'],
  'Root cause': ['root cause', 'root causes', 'root cause analysis', 'rca', 'cause', 'causes'],
  'Contributing factors': ['contributing factors', 'contributing factor', 'contributors', 'trigger', 'triggers'],
  'What went well': ['what went well', 'things that went well', 'went well'],
  'What went wrong': ['what went wrong', 'what went poorly', 'what did not go well', 'what didn t go well', 'things that went wrong', 'went wrong'],
  'Action items': ['action items', 'action item', 'actions', 'follow up actions', 'follow ups', 'followups', 'follow up items', 'corrective actions', 'remediation', 'remediation items', 'next steps'],
  'Lessons learned': ['lessons learned', 'lessons learnt', 'lessons', 'learnings', 'key learnings', 'takeaways'],
};

/** Sections the templates have that sitrep knows but does not require. */
export const OPTIONAL_SECTIONS: Record<string, readonly string[]> = {
  Resolution: ['resolution', 'mitigation', 'recovery', 'mitigation and resolution'],
  Detection: ['detection', 'how was it detected'],
  'Where we got lucky': ['where we got lucky', 'what was lucky', 'lucky'],
  'Supporting information': ['supporting information', 'appendix', 'references', 'related links', 'links'],
};

/** Required columns of the Action items table: the SRE book's `Action Item | Type | Owner | Bug` has only these two. */
export const ACTION_ITEM_COLUMNS = ['action', 'owner'] as const;

/**
 * Other names of the table columns (case-insensitive): the SRE book's `Action Item | Type | Owner | Bug`,
 * `Assignee`, `Due date`, `Date`/`Description` timelines. Type and Bug/Ticket are kept but not required.
 */
export const COLUMN_ALIASES: Record<string, readonly string[]> = {
  time: ['time', 'date', 'date time', 'datetime', 'timestamp', 'when', 'time utc'],
  event: ['event', 'description', 'what happened', 'details', 'activity'],
  action: ['action', 'action item', 'item', 'task', 'description', 'what'],
  owner: ['owner', 'owners', 'assignee', 'assigned to', 'who', 'responsible'],
  due: ['due', 'due date', 'deadline', 'by', 'target date', 'eta'],
  priority: ['priority', 'prio', 'pri'],
  status: ['status', 'state'],
  type: ['type', 'kind', 'category'],
  ticket: ['ticket', 'bug', 'issue', 'jira', 'link', 'tracking'],
};
/** A header cell's words without case or punctuation: `Due Date` -> `due date`, `Date/Time` -> `date time`. */
export const headerWords = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export const ACTION_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-fix'] as const;
/**
 * Optional columns of the Action items table: due date, priority, status, and the item's ticket, an
 * id (`OPS-123`) or an http(s) URL. A column left out, or an empty cell, is "not stated".
 */
export const ACTION_ITEM_OPTIONAL_COLUMNS = ['due', 'priority', 'status', 'ticket'] as const;

/** A cell that states nothing: empty, or a placeholder such as the SRE book's `n/a`. */
const NOT_STATED = /^(?:|n\/?a|none|-+|—|–)$/i;
const stated = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && NOT_STATED.test(v.trim()) ? undefined : v), schema.optional());

/**
 * The SRE book writes an item's state as a bold word after its bug, `Bug 5554823 **TODO**` or
 * `n/a **DONE**`. Without a Status column this word gives the status (TODO open, DONE done) and is
 * taken off the ticket: `{ ticket: 'Bug 5554823', status: 'open' }`. Anything else is left as it is.
 */
export function bookStatus(cells: Readonly<Record<string, string>>): Record<string, string> {
  if (cells.status !== undefined || cells.ticket === undefined) return cells;
  const m = /^(.*?)\s*\b(TODO|DONE)$/.exec(cells.ticket.trim());
  if (!m) return cells;
  return { ...cells, ticket: m[1]!, status: m[2] === 'DONE' ? 'done' : 'open' };
}

/** Frontmatter of `content/postmortems/*.md`. The id is the file name without `.md`. */
export const postmortemFrontmatterSchema = z.strictObject({
  title: z.string().min(1),
  /** Ids of the incidents this postmortem covers. */
  incidents: z.array(id()).min(1, 'must name at least one incident'),
  authors: z.array(z.string().min(1)).min(1, 'must name at least one author'),
  status: z.enum(POSTMORTEM_STATUSES, { message: `must be one of ${POSTMORTEM_STATUSES.join(', ')}` }),
  date: date(),
});

export const actionItemSchema = z.strictObject({
  action: z.string().min(1, 'must describe the action'),
  owner: z.string().min(1, 'must name an owner'),
  /** Optional (column left out or cell empty): an item without a due date is never overdue. */
  due: stated(z.iso.date({ message: 'must be a date, e.g. 2026-11-30' })),
  /** Optional: shown as "not set". */
  priority: stated(z.enum(ACTION_PRIORITIES, { message: `must be one of ${ACTION_PRIORITIES.join(', ')}` })),
  /** Optional: an item without a status is open ("status not stated"); see bookStatus for the SRE book's TODO/DONE. */
  status: stated(z.enum(ACTION_STATUSES, { message: `must be one of ${ACTION_STATUSES.join(', ')}` })),
  /** The ticket tracking the item, from an optional Ticket or Bug column; an empty cell or `n/a` is no ticket. */
  ticket: stated(z.string().refine((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) || /^https?:\/\//i.test(t), 'must be an id such as OPS-123 or an http(s) URL')),
});

export const timelineEntrySchema = z.strictObject({
  time: z.string().min(1),
  event: z.string().min(1),
});

export type PostmortemFrontmatter = z.output<typeof postmortemFrontmatterSchema>;
export type ActionItem = z.output<typeof actionItemSchema>;
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

/** A postmortem as loaded: frontmatter, parsed tables and the rendered (HTML-free input) body. */
export const postmortemSchema = postmortemFrontmatterSchema.extend({
  id: id(),
  timeline: z.array(timelineEntrySchema),
  actionItems: z.array(actionItemSchema),
});
export type Postmortem = z.output<typeof postmortemSchema>;
