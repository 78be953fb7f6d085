/**
 * Issue 15, items 5 (URL fields), 11 (alias bombs), 13 (id length) and 15 (`.nan`).
 */
import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH } from '../../src/schemas/common.ts';
import { INCIDENT, SERVICE, SLO, errorsOf, original } from './helpers.ts';

const OPENSLO = (name: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: api
  indicator:
    metadata: { name: x }
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(ok[{{window}}]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(increase(all[{{window}}]))' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
`;

const SLOTH = (name: string) => `version: prometheus/v1
service: api
slos:
  - name: ${name}
    objective: 99.9
    sli:
      events:
        error_query: sum(increase(errors[{{window}}]))
        total_query: sum(increase(all[{{window}}]))
`;

describe('a YAML alias bomb', () => {
  it('is one error at the file, not a crash', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const { lines } = await errorsOf({ [SERVICE]: `${levels.join('\n')}\n` });
    expect(lines).toEqual([`${SERVICE}:1:1 YAML: too many aliases (*name): they would expand to a huge document; write the values out`]);
  });
});

describe('deeply nested YAML', () => {
  it('20,000 nested lists are one error, not a stack overflow', async () => {
    const { lines } = await errorsOf({ [SERVICE]: `id: api\nname: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${SERVICE}:2:\\d+ YAML: lists and mappings nest too deeply to be read: flatten them$`))]);
  });
});

describe('ids are at most 100 characters long, in every format', () => {
  const long = 'a'.repeat(300);

  it('an OpenSLO metadata.name of 300 characters is an error at metadata.name', async () => {
    const { lines } = await errorsOf({ 'content/slos/long.yaml': OPENSLO(long) });
    expect(MAX_ID_LENGTH).toBe(100);
    expect(lines).toEqual(['content/slos/long.yaml:4:9 metadata.name: must be at most 100 characters long (ids become file names) (as sitrep id)']);
  });

  it('a Sloth name that makes a 300-character id is an error at its name', async () => {
    const { lines } = await errorsOf({ 'content/slos/sloth.yaml': SLOTH(long) });
    expect(lines).toEqual(['content/slos/sloth.yaml:4:11 slos.0.name: must be at most 100 characters long (ids become file names) (as sitrep id)']);
  });

  it('a sitrep id, an incident id and a postmortem file name over 100 characters are errors', async () => {
    const pmFile = `content/postmortems/${'b'.repeat(150)}.md`;
    const { lines } = await errorsOf({
      [SLO]: (t) => t.replace('id: api-availability', `id: ${long}`),
      [pmFile]: await original('content/postmortems/2026-10-03-api-outage.md'),
    });
    expect(lines).toContain(`${pmFile}:1:1 the file name is the id, which may be at most 100 characters long: shorten it`);
    expect(lines).toContain(`${SLO}:1:5 id: must be at most 100 characters long (ids become file names)`);
    const inc = await errorsOf({ [INCIDENT]: (t) => t.replace('id: 2026-10-03-api-outage', `id: ${long}`) });
    expect(inc.lines[0]).toBe(`${INCIDENT}:1:5 id: must be at most 100 characters long (ids become file names)`);
  });
});

describe('numbers', () => {
  it('objective: .nan says it is not a number', async () => {
    const { lines } = await errorsOf({ [SLO]: (t) => t.replace('objective: 99.9', 'objective: .nan') });
    expect(lines).toEqual([`${SLO}:4:12 objective: must be a number, got .nan (not a number)`]);
  });
});

describe('URL fields in YAML', () => {
  it.each([
    ['javascript:alert(document.cookie)', 'javascript'],
    ['JaVaScRiPt:alert(1)', 'javascript'],
    ['vbscript:msgbox(1)', 'vbscript'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['"java\\tscript:alert(1)"', 'javascript'],
  ])('a service link to %s is an error at links.0.url', async (url, scheme) => {
    const { lines } = await errorsOf({ [SERVICE]: (t) => t.replace('url: https://grafana.example.com/d/api', `url: ${url}`) });
    expect(lines).toEqual([`${SERVICE}:8:10 links.0.url: must be an http, https or mailto URL: a ${scheme}: URL could run code in the reader's browser`]);
  });

  it('http, https and mailto links are accepted', async () => {
    const { lines } = await errorsOf({
      [SERVICE]: (t) => t.replace('url: https://grafana.example.com/d/api', 'url: mailto:oncall@example.com\n  - title: Repo\n    url: http://git.example.com/api'),
    });
    expect(lines).toEqual([]);
  });
});
