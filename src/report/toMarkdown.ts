import type { Block, Cell } from './document.ts';

const VERDICT_MD = { holds: '✅ holds', fails: '❌ fails', 'not-evaluated': '➖ not evaluated' } as const;

/**
 * report.md from the report blocks: GitHub-flavoured Markdown, figures as
 * links to the SVG files written beside it, the resolved scenario as a YAML
 * code block. Plain text is escaped so that names like m* or v*_j stay
 * literal and no text becomes a link (see {@link inline}).
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

/**
 * Escapes Markdown outside `code spans`; newlines become spaces (table-safe).
 * Emphasis, links, images, raw HTML, headings, strikethrough (~) and entities
 * (&name;) are escaped with a backslash. GFM also turns bare text into links
 * (an e-mail such as x@y.z, a URL with ://, a www. domain), and a backslash
 * does not reliably stop that (GitHub's parser looks for e-mails after
 * joining escaped text back together). So the character they hinge on (the @, the colon of ://,
 * the dot after www) is put in a code span of its own, which no renderer
 * links across.
 */
function inline(text: string): string {
  return text
    .split('`')
    .map((part, k) => (k % 2 === 1 ? `\`${part}\`` : plain(part)))
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

function plain(text: string): string {
  return text
    .replace(/[\\*_[\]<>#~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/(?<=[A-Za-z0-9._+\-])@/g, '`@`')
    .replace(/(?<=[A-Za-z])(:)(?=\/\/)/g, '`:`')
    .replace(/\b(www)\./gi, '$1`.`');
}
