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

test('prints on A4 and Letter: print rules let every table cell wrap (the claims evidence too) and scale figures to the page', () => {
  const html = toHtml([{ kind: 'table', role: 'claims', header: ['id', 'claim', 'verdict', 'evidence'], rows: [['C3', 'Sequential', { verdict: 'fails' }, 'x'.repeat(400)]] }], 't');
  const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
  const print = css.slice(css.indexOf('@media print{'));
  expect(css).toContain('@page{margin:14mm}');
  expect(print).not.toBe('');
  // No fixed page width: the body takes the paper's width, tables fill it, and cells break long tokens.
  expect(print).toMatch(/body\{max-width:none;margin:0;padding:0/);
  expect(print).toMatch(/table\{width:100%/);
  expect(print).toMatch(/th,td\{[^}]*overflow-wrap:anywhere/);
  // The screen style keeps the claim column on one line; on paper it must wrap.
  expect(css).toMatch(/table\.claims td:nth-child\(2\)\{white-space:nowrap\}/);
  expect(print).toMatch(/table\.claims td:nth-child\(2\)\{white-space:normal\}/);
  expect(print).toMatch(/figure svg\{max-width:100%\}/);
  expect(print).toMatch(/tr,figure\{break-inside:avoid\}/);
});
