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

/** Columns of the Action items table. */
export const ACTION_ITEM_COLUMNS = ['action', 'owner', 'due', 'priority', 'status'] as const;

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
export const ACTION_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-fix'] as const;
/** An optional column of the Action items table: the item's ticket, an id (`OPS-123`) or an http(s) URL. */
export const ACTION_ITEM_OPTIONAL_COLUMNS = ['ticket'] as const;

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
  due: z.iso.date({ message: 'must be a date, e.g. 2026-11-30' }),
  priority: z.enum(ACTION_PRIORITIES, { message: `must be one of ${ACTION_PRIORITIES.join(', ')}` }),
  status: z.enum(ACTION_STATUSES, { message: `must be one of ${ACTION_STATUSES.join(', ')}` }),
  /** The ticket tracking the item, from an optional Ticket column; an empty cell is no ticket. */
  ticket: z.preprocess(
    (t) => (t === '' ? undefined : t),
    z
      .string()
      .refine((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) || /^https?:\/\//i.test(t), 'must be an id such as OPS-123 or an http(s) URL')
      .optional(),
  ),
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
