/** A whole gazette issue as one HTML page: one <p> per line, tab-separated lines as table rows. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function gazettePage(text: string): string {
  const out: string[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    const cells = line.split('\t');
    if (cells.length > 1) {
      if (!inTable) out.push('<table border="1">');
      inTable = true;
      out.push(`<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
      continue;
    }
    if (inTable) out.push('</table>');
    inTable = false;
    if (line.trim()) out.push(`<p>${esc(line)}</p>`);
  }
  if (inTable) out.push('</table>');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府公报</title>
<meta name="SiteName" content="县人民政府"><meta name="ColumnName" content="政府公报">
<meta name="ArticleTitle" content="县人民政府公报2023年第1期"><meta name="PubDate" content="2023-06-30">
</head><body>${out.join('\n')}</body></html>`;
}
