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
