import { expect, test } from 'vitest';
import type { Block } from './document.ts';
import { toMarkdown } from './toMarkdown.ts';

test('escapes Markdown in text and table cells, keeps code spans literal', () => {
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'm* = 5, v*_j and `moe-repro run a_b*.yaml`' },
    { kind: 'table', header: ['a|b', 'verdict'], rows: [['x | y', { verdict: 'fails' }]] },
  ];
  const md = toMarkdown(blocks);
  expect(md).toContain('m\\* = 5, v\\*\\_j and `moe-repro run a_b*.yaml`');
  expect(md).toContain('| a\\|b | verdict |');
  expect(md).toContain('| x \\| y | ❌ fails |');
});

test('links figures to their SVG file and writes the resolved scenario as a code block', () => {
  const md = toMarkdown([
    { kind: 'figure', file: 'loss.svg', title: 'Loss', caption: 'from 1 to 2', svg: '<svg/>' },
    { kind: 'code', language: 'yaml', summary: 'Resolved', text: 'a: 1' },
  ]);
  expect(md).toContain('![Loss](loss.svg)');
  expect(md).not.toContain('<svg');
  expect(md).toContain('```yaml\na: 1\n```');
});

/**
 * Text a GitHub-flavoured Markdown renderer would turn into a link (its
 * autolink extension): an e-mail, a URL with a scheme, a www. domain. Code
 * spans end a text run; backslash escapes are undone first, as GitHub's
 * parser joins escaped text back before it looks for e-mails.
 */
function autolinks(md: string): string[] {
  const text = md.split('`').filter((_, k) => k % 2 === 0).join('\u0000').replace(/\\(.)/g, '$1');
  const email = /[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/g;
  const url = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s\u0000]+/g;
  const www = /(?:^|[\s*_~(])www\.[A-Za-z0-9_-]+\.[^\s\u0000]*/g;
  return [...text.matchAll(email), ...text.matchAll(url), ...text.matchAll(www)].map((m) => m[0]);
}

test('no text becomes a link: e-mail-like, URL-like and www. text, strikethrough and entities stay literal', () => {
  const risky = 'old C3 evidence T0@3.1 < T2@8.428; a_b@example.org; see https://example.org and www.example.com; ~0.81 vs ~0.95; &copy; R&D';
  expect(autolinks(risky).length, 'the check finds the links in the raw text').toBe(5);
  const md = toMarkdown([
    { kind: 'paragraph', text: risky },
    { kind: 'table', header: ['id', 'evidence'], rows: [['C3', risky]] },
    { kind: 'list', items: [risky] },
  ]);
  expect(autolinks(md)).toEqual([]);
  expect(md).toContain('T2`@`8.428');
  expect(md).toContain('https`:`//example.org');
  expect(md).toContain('\\~0.81 vs \\~0.95; \\&copy; R&D');
});

test('the claims evidence of a real report names teachers and times apart and renders without links', async () => {
  const { claimGuided, claimSequential } = await import('../claims/pointClaims.ts');
  const { syntheticPoint } = await import('../../test-support/synthetic/syntheticMetrics.ts');
  const fl = syntheticPoint({ m: 4, mStar: 3, records: 60 }).featureLearning;
  const th = { recoveryThreshold: 0.9 } as Parameters<typeof claimSequential>[1];
  for (const c of [claimSequential(fl, th), claimGuided(fl, th)]) {
    expect(c.evidence).toMatch(/teacher 0\b/);
    expect(c.evidence, 'T is the recovery time, never a teacher').not.toMatch(/\bT\d/);
    expect(autolinks(toMarkdown([{ kind: 'paragraph', text: c.evidence }]))).toEqual([]);
  }
});
