import type { Block, Cell } from './document.ts';

const VERDICT_MD = { holds: '✅ holds', fails: '❌ fails', 'not-evaluated': '➖ not evaluated' } as const;

/**
 * report.md from the report blocks: GitHub-flavoured Markdown, figures as
 * links to the SVG files written beside it, the resolved scenario as a YAML
 * code block. Plain text is escaped so that names like m* or v*_j stay literal.
 */
export function toMarkdown(blocks: Block[]): string {
  return blocks.map(block).join('\n\n') + '\n';
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inline(b.text)}`;
    case 'paragraph':
      return inline(b.text);
    case 'list':
      return b.items.map((i) => `- ${inline(i)}`).join('\n');
    case 'table':
      return [row(b.header), row(b.header.map(() => '---')), ...b.rows.map(row)].join('\n');
    case 'code':
      return `${inline(b.summary)}:\n\n\`\`\`${b.language}\n${b.text}\n\`\`\``;
    case 'figure':
      return `### ${inline(b.title)}\n\n![${inline(b.title)}](${b.file})\n\n${inline(b.caption)}`;
  }
}

function row(cells: Cell[]): string {
  return `| ${cells.map((c) => (typeof c === 'string' ? inline(c).replace(/\|/g, '\\|') : VERDICT_MD[c.verdict])).join(' | ')} |`;
}

/** Escapes Markdown outside `code spans`; newlines become spaces (table-safe). */
function inline(text: string): string {
  return text
    .split('`')
    .map((part, k) => (k % 2 === 1 ? `\`${part}\`` : part.replace(/[\\*_[\]<>#]/g, (c) => `\\${c}`)))
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}
