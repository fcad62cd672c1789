import type { Block, Cell } from './document.ts';
import { scopeSvgIds } from './scopeSvgIds.ts';

const VERDICT_HTML = { holds: 'holds', fails: 'fails', 'not-evaluated': 'not evaluated' } as const;

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d1d1f;max-width:1200px;margin:24px auto;padding:0 24px}
h1{font-size:26px;margin:0 0 14px}h2{font-size:20px;margin:34px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin:26px 0 6px}
table{border-collapse:collapse;margin:10px 0;font-size:14px}th,td{border:1px solid #ddd;padding:5px 9px;text-align:left;vertical-align:top}
th{background:#f4f5f7}table.claims td:first-child{font-weight:600;white-space:nowrap}table.claims td:nth-child(2){white-space:nowrap}
.v{display:inline-block;padding:1px 9px;border-radius:10px;font-weight:600;font-size:13px;white-space:nowrap}
.v-holds{background:#dcf3e3;color:#135e2e}.v-fails{background:#fbdcdc;color:#8f1d1d}.v-not-evaluated{background:#ececec;color:#555}
code{background:#f4f5f7;padding:0 3px;border-radius:3px;font-size:13px}pre{background:#f7f7f9;border:1px solid #e3e3e3;padding:10px;overflow:auto;font-size:13px}
details{margin:10px 0}summary{cursor:pointer;color:#333}
figure{margin:18px 0}figure svg{max-width:100%;height:auto;display:block}figcaption{color:#444;font-size:14px;max-width:900px;margin-top:4px}
@page{margin:14mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h2{margin-top:18px}h2,h3{break-after:avoid}
table{width:100%;font-size:8.5pt}th,td{padding:3px 5px;overflow-wrap:anywhere}table.claims td:nth-child(2){white-space:normal}
table.claims td:nth-child(4){width:58%}tr,figure{break-inside:avoid}figure svg{max-width:100%}figcaption{max-width:none;font-size:9pt}
pre{white-space:pre-wrap;overflow:visible;font-size:8pt}code{overflow-wrap:anywhere;font-size:8.5pt}}
`;

/**
 * report.html from the report blocks: one self-contained file (inline CSS,
 * every SVG inlined with its ids scoped, no script, no external URL), so it
 * opens the same offline, from an e-mail or a CI artefact. Print rules fit it
 * to the page, A4 or Letter alike (no fixed width: tables take the page's
 * width and their cells wrap, long tokens too, so the claims table's
 * evidence column is never cut off; figures scale down; rows and figures are
 * not split across pages).
 */
export function toHtml(blocks: Block[], title: string): string {
  const body = blocks.map((b, k) => block(b, k)).join('\n');
  const head = `<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${CSS}</style>`;
  return `<!doctype html>\n<html lang="en">\n<head>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function block(b: Block, k: number): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}${b.level === 2 ? ` id="${anchor(b.text)}"` : ''}>${inline(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inline(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return table(b.header, b.rows, b.role);
    case 'code':
      return `<details><summary>${inline(b.summary)}</summary>\n<pre><code>${esc(b.text)}</code></pre></details>`;
    case 'figure':
      return `<figure id="fig-${k}">\n<h3>${inline(b.title)}</h3>\n${scopeSvgIds(b.svg, `f${k}`)}\n<figcaption>${inline(b.caption)}</figcaption>\n</figure>`;
  }
}

function table(header: string[], rows: Cell[][], role?: string): string {
  const cell = (c: Cell) => (typeof c === 'string' ? inline(c) : `<span class="v v-${c.verdict}">${VERDICT_HTML[c.verdict]}</span>`);
  const head = `<tr>${header.map((h) => `<th>${inline(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${role ? ` class="${role}"` : ''}>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function inline(text: string): string {
  return text
    .split('`')
    .map((part, k) => (k % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

/** 'How to read this report' -> 'how-to-read-this-report' (link and screenshot target). */
function anchor(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
