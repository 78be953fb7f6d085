import type { Element, ElementContent } from 'hast';
import type { Root } from 'mdast';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';

/**
 * MDX runbooks, safe by construction. sitrep parses MDX but never compiles or runs it: there is
 * no `import`, no `export` and no `{expression}`, and the only elements are the components below,
 * which sitrep itself turns into fixed HTML, with literal string props. `check` reports anything
 * else at its line, and the renderer drops it, so a runbook cannot run code at build time nor put
 * a script on the page.
 */

interface Prop {
  /** The values the prop may take; any string when absent. */
  values?: readonly string[];
  required?: boolean;
}

interface Component {
  props: Record<string, Prop>;
  render(props: Record<string, string>, children: ElementContent[]): Element;
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const element = (tagName: string, className: string[], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties: className.length ? { className } : {},
  children,
});

const CALLOUT_KINDS = ['note', 'tip', 'warning', 'danger'] as const;

/**
 * The components an MDX runbook may use, without importing them:
 *
 *     <Callout kind="warning" title="Before you fail over">Markdown…</Callout>
 *     <Details summary="Why this works">Markdown…</Details>
 */
export const COMPONENTS: Record<string, Component> = {
  Callout: {
    props: { kind: { values: CALLOUT_KINDS }, title: {} },
    render: (p, children) => {
      const kind = p.kind ?? 'note';
      const title = p.title ?? kind[0]!.toUpperCase() + kind.slice(1);
      return element('aside', ['callout', `callout-${kind}`], [element('p', ['callout-title'], [text(title)]), ...children]);
    },
  },
  Details: {
    props: { summary: { required: true } },
    render: (p, children) => element('details', [], [element('summary', [], [text(p.summary ?? '')]), ...children]),
  },
};

const NAMES = Object.keys(COMPONENTS)
  .map((n) => `<${n}>`)
  .join(' and ');

/** The classes the components emit, for the sanitiser's allow-list. */
export const MDX_SANITIZE_ATTRIBUTES = {
  aside: [['className', 'callout', ...CALLOUT_KINDS.map((k) => `callout-${k}`)] as [string, ...string[]]],
  p: [['className', 'callout-title'] as [string, ...string[]]],
};

interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdxNode[];
  position?: { start: { line: number; column: number } };
}

export interface MdxProblem {
  line: number;
  column: number;
  message: string;
}

/** Why one MDX element is refused, or undefined when it is one of the components, used as allowed. */
function elementProblem(node: MdxNode): string | undefined {
  const component = node.name ? COMPONENTS[node.name] : undefined;
  if (!node.name) return `fragments (<>…</>) are not allowed: runbooks may use ${NAMES}`;
  if (!component) {
    return /^[a-z]/.test(node.name)
      ? `HTML elements such as <${node.name}> are not allowed in runbooks: write Markdown, or use ${NAMES}`
      : `unknown component <${node.name}>: runbooks may use ${NAMES}, without importing them`;
  }
  const given = new Set<string>();
  for (const attr of node.attributes ?? []) {
    if (attr.type !== 'mdxJsxAttribute' || !attr.name) return `<${node.name}> takes literal props only, not {...spread}`;
    const prop = component.props[attr.name];
    if (!prop) return `<${node.name}> has no prop "${attr.name}": its props are ${Object.keys(component.props).join(', ')}`;
    if (typeof attr.value !== 'string') return `<${node.name} ${attr.name}> must be a literal string, e.g. ${attr.name}="…", not an expression`;
    if (prop.values && !prop.values.includes(attr.value)) return `<${node.name} ${attr.name}> must be one of ${prop.values.join(', ')}`;
    given.add(attr.name);
  }
  const missing = Object.entries(component.props).find(([name, p]) => p.required && !given.has(name));
  return missing ? `<${node.name}> needs the prop ${missing[0]}="…"` : undefined;
}

/** Everything an MDX tree holds beyond Markdown and sitrep's components, each at its position in the body. */
export function mdxProblems(tree: Root): MdxProblem[] {
  const out: MdxProblem[] = [];
  const stack: MdxNode[] = [tree as unknown as MdxNode];
  while (stack.length) {
    const node = stack.pop()!;
    let message: string | undefined;
    if (node.type === 'mdxjsEsm') message = `import and export are not allowed in runbooks: MDX here is Markdown plus ${NAMES}, which need no import`;
    else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') message = 'JavaScript expressions in braces are not allowed in runbooks: write the value itself (or escape the brace as \\{)';
    else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') message = elementProblem(node);
    if (message) {
      const at = node.position?.start ?? { line: 1, column: 1 };
      out.push({ line: at.line, column: at.column, message });
    }
    if (node.children) stack.push(...node.children);
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

type Handlers = NonNullable<RemarkRehypeOptions['handlers']>;

/**
 * `<Callout>Text</Callout>` written on one line is parsed inside a paragraph; render it as the
 * block it is, not inside a `<p>`.
 */
export function unwrapComponents(tree: Root): void {
  const stack: MdxNode[] = [tree as unknown as MdxNode];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.children) continue;
    node.children = node.children.map((child) => {
      const only = child.type === 'paragraph' ? child.children?.filter((c) => !(c.type === 'text' && !String((c as { value?: string }).value).trim())) : undefined;
      return only?.length === 1 && only[0]!.type === 'mdxJsxTextElement' ? { ...only[0]!, type: 'mdxJsxFlowElement' } : child;
    });
    stack.push(...node.children);
  }
}

/** How the renderer turns MDX nodes into HTML: components into their fixed HTML, anything else into nothing. */
export const MDX_HANDLERS: Handlers = {
  mdxjsEsm: () => undefined,
  mdxFlowExpression: () => undefined,
  mdxTextExpression: () => undefined,
  mdxJsxTextElement: (state, node: MdxNode) => MDX_HANDLERS.mdxJsxFlowElement!(state, node, undefined),
  mdxJsxFlowElement: (state, node: MdxNode) => {
    if (elementProblem(node)) return undefined;
    const props = Object.fromEntries((node.attributes ?? []).map((a) => [a.name!, String(a.value)]));
    return COMPONENTS[node.name!]!.render(props, state.all(node as never) as ElementContent[]);
  },
};
