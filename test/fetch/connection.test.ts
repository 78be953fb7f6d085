import { describe, expect, it } from 'vitest';
import { ConnectionError, connectionFromEnv, parseHeaderList } from '../../src/adapters/prometheus/connection.ts';
import { makeRedactor, quoteServerText } from '../../src/adapters/prometheus/redact.ts';

describe('PROMETHEUS_HEADERS', () => {
  it('parses comma-separated Name=value pairs; values may hold =', () => {
    expect(parseHeaderList('X-Scope-OrgID=tenant1, Other = x=y ,')).toEqual({ 'X-Scope-OrgID': 'tenant1', Other: 'x=y' });
  });
  it('separates by newlines when there is one, so values may hold commas', () => {
    expect(parseHeaderList('X-Scope-OrgID=a|b\nX-List=1,2,3\n')).toEqual({ 'X-Scope-OrgID': 'a|b', 'X-List': '1,2,3' });
  });
  it('rejects a malformed entry without quoting it', () => {
    expect(() => parseHeaderList('X-Ok=1,s3cr3tvalue')).toThrow(ConnectionError);
    expect(() => parseHeaderList('X-Ok=1,s3cr3tvalue')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') }));
    expect(() => parseHeaderList('X-Ok=1,s3cr3tvalue')).toThrow(/entry 2 is not Name=value/);
  });
});

describe('connectionFromEnv', () => {
  it('is undefined without PROMETHEUS_URL', () => {
    expect(connectionFromEnv({})).toBeUndefined();
  });
  it('sends a bearer token and extra headers, and redacts them', () => {
    const c = connectionFromEnv({ PROMETHEUS_URL: 'https://mimir.example/prometheus/', PROMETHEUS_BEARER_TOKEN: 'tok123456', PROMETHEUS_HEADERS: 'X-Scope-OrgID=tenant-secret' })!;
    expect(c.baseUrl).toBe('https://mimir.example/prometheus');
    expect(c.headers).toEqual({ Authorization: 'Bearer tok123456', 'X-Scope-OrgID': 'tenant-secret' });
    expect(c.auth).toBe('bearer token');
    expect(c.redact('got tok123456 for tenant-secret')).toBe('got [REDACTED] for [REDACTED]');
  });
  it('moves URL userinfo to basic auth and redacts user, password and their encodings', () => {
    const c = connectionFromEnv({ PROMETHEUS_URL: 'http://alice:p%40ss-word@prom:9090' })!;
    expect(c.baseUrl).toBe('http://prom:9090');
    expect(c.headers.Authorization).toBe(`Basic ${Buffer.from('alice:p@ss-word').toString('base64')}`);
    expect(c.redact('p@ss-word p%40ss-word alice')).toBe('[REDACTED] [REDACTED] [REDACTED]');
    expect(c.redact(`Basic ${Buffer.from('alice:p@ss-word').toString('base64')}`)).toBe('Basic [REDACTED]');
    expect(c.redact('see https://bob:other@host/x')).toBe('see https://[REDACTED]@host/x');
  });
  it('uses PROMETHEUS_USERNAME/PASSWORD and refuses ambiguous or invalid settings', () => {
    expect(connectionFromEnv({ PROMETHEUS_URL: 'http://p', PROMETHEUS_USERNAME: 'u', PROMETHEUS_PASSWORD: 'pw' })!.auth).toBe('basic auth');
    expect(() => connectionFromEnv({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN: 't', PROMETHEUS_PASSWORD: 'pw' })).toThrow(/not both/);
    expect(() => connectionFromEnv({ PROMETHEUS_URL: 'prom:9090' })).toThrow(/http/);
    expect(() => connectionFromEnv({ PROMETHEUS_URL: 'not a url' })).toThrow(/not a valid URL/);
  });
});

describe('redaction', () => {
  const token = `a&b<c>d"e'f-0123456789`;
  it('hides a secret HTML-escaped (named or numeric), JSON-escaped or percent-encoded', () => {
    const r = makeRedactor([token]);
    for (const form of [
      'a&amp;b&lt;c&gt;d&quot;e&#39;f-0123456789',
      'a&#38;b&#x3C;c&#62;d&#34;e&apos;f-0123456789',
      'a\\u0026b\\u003cc\\u003ed\\"e\'f-0123456789',
      encodeURIComponent(token),
    ]) {
      expect(r(`before ${form} after`)).toBe('before [REDACTED] after');
    }
  });
  it('hides pieces of 8 characters or more of a secret in server text only', () => {
    const secret = 'tok-redirect-0123456789';
    expect(makeRedactor([secret], true)('seen: tok-redi... and 23456789')).toBe('seen: [REDACTED]... and [REDACTED]');
    expect(makeRedactor([secret], true)('seen: tok-red')).toBe('seen: tok-red');
    expect(makeRedactor([secret])('HTTP 307: redirected')).toBe('HTTP 307: redirected');
  });
  it('redacts before cutting, so a cut never leaves a prefix of the secret', () => {
    const r = makeRedactor(['s3cret-token-value'], true);
    const body = `${'x'.repeat(190)} s3cret-token-value ${'y'.repeat(50)}`;
    expect(quoteServerText(body, r)).toBe(`${'x'.repeat(190)} [REDACTED...`);
    expect(quoteServerText(`  one\n two  `, r)).toBe('one two');
  });
});
