import { expect, test } from 'vitest';
import type { Block } from './document.ts';
import { toHtml } from './toHtml.ts';

test('escapes text, renders verdict badges and code spans', () => {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'How to read <this>' },
    { kind: 'table', role: 'claims', header: ['id', 'verdict'], rows: [['C1', { verdict: 'holds' }], ['C6', { verdict: 'not-evaluated' }]] },
    { kind: 'paragraph', text: 'a < b & `x<y`' },
  ];
  const html = toHtml(blocks, 'T & <t>');
  expect(html).toContain('<title>T &amp; &lt;t&gt;</title>');
  expect(html).toContain('<h2 id="how-to-read-this">How to read &lt;this&gt;</h2>');
  expect(html).toContain('<span class="v v-holds">holds</span>');
  expect(html).toContain('<span class="v v-not-evaluated">not evaluated</span>');
  expect(html).toContain('<p>a &lt; b &amp; <code>x&lt;y</code></p>');
});

test('inlines each SVG with its ids scoped to its figure', () => {
  const svg = '<svg><defs><linearGradient id="id0"/></defs><rect fill="url(#id0)"/></svg>';
  const html = toHtml(
    [
      { kind: 'figure', file: 'a.svg', title: 'A', caption: 'a', svg },
      { kind: 'figure', file: 'b.svg', title: 'B', caption: 'b', svg },
    ],
    'x',
  );
  expect(html).toContain('id="f0-id0"');
  expect(html).toContain('url(#f1-id0)');
  expect(html).not.toContain('"id0"');
});
