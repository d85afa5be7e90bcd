import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../lib/html-text';

describe('htmlToText', () => {
  it('puts each block on its own line', () => {
    expect(htmlToText('<h1>标题</h1><p>第一段</p><div>第二段</div><ul><li>甲</li><li>乙</li></ul>')).toBe('标题\n第一段\n第二段\n甲\n乙');
  });

  it('breaks lines at <br> and keeps at most one blank line', () => {
    expect(htmlToText('<p>一<br>二<br><br><br><br>三</p><p></p><p></p><p>四</p>')).toBe('一\n二\n\n三\n四');
  });

  it('turns table rows into tab-separated lines', () => {
    const html = `<table>
      <tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
      <tr><td>1</td><td>村庄清洁</td><td>县农业农村局</td><td>6月底前</td></tr>
      <tr><td>2<td>垃圾清运<td><td>年底前</tr>
    </table>`;
    expect(htmlToText(html)).toBe('序号\t工作任务\t责任单位\t完成时限\n1\t村庄清洁\t县农业农村局\t6月底前\n2\t垃圾清运\t\t年底前');
  });

  it('stands an empty cell in for a cell spanning rows, so columns stay under their headers', () => {
    const html =
      '<table><tr><th>序号</th><th>牵头单位</th><th>配合单位</th></tr><tr><td>1</td><td rowspan="2">县行政审批局</td><td>县市场监管局</td></tr>' +
      '<tr><td>2</td><td>县司法局</td></tr><tr><td>3</td><td>县住建局</td><td>县自然资源局</td></tr></table>';
    expect(htmlToText(html)).toBe('序号\t牵头单位\t配合单位\n1\t县行政审批局\t县市场监管局\n2\t\t县司法局\n3\t县住建局\t县自然资源局');
  });

  it('keeps a row on one line when its cells hold paragraphs', () => {
    expect(htmlToText('<table><tr><td><p>1</p></td><td><p>防汛物资</p><p>补充储备</p></td></tr></table>')).toBe('1\t防汛物资 补充储备');
  });

  it('skips script, style, noscript, template and head', () => {
    const html =
      '<html><head><title>标题栏</title><style>p{color:red}</style></head><body>' +
      '<script>document.write("<p>脚本</p>")</script><noscript>请启用脚本</noscript>' +
      '<template><p>模板</p></template><p>正文</p></body></html>';
    expect(htmlToText(html)).toBe('正文');
  });

  it('decodes entities, and keeps &nbsp; as a space inside a line', () => {
    expect(htmlToText('<p>A &amp; B &lt;C&gt; &#x5E9C;&#24220; &quot;x&quot;</p><p>&nbsp;&nbsp;缩进 a&nbsp;&nbsp;b</p>')).toBe(
      'A & B <C> 府府 "x"\n缩进 a  b',
    );
  });

  it('collapses whitespace but never splits adjacent CJK text', () => {
    expect(htmlToText('<p>山河<b>县</b>人民<span>政府</span></p>')).toBe('山河县人民政府');
    // A source line break between Chinese characters is not a space (CSS segment-break rule) …
    expect(htmlToText('<p>关于做好\n    春耕工作的通知</p>')).toBe('关于做好春耕工作的通知');
    // … but between Latin words, or next to digits, it is one.
    expect(htmlToText('<p>hello\n   world  2024\t年</p>')).toBe('hello world 2024 年');
  });

  it('keeps the body when <head> is never closed', () => {
    expect(htmlToText('<html><head><meta charset="gbk"><body><p>正文</p>')).toBe('正文');
  });

  it('keeps line breaks and inner spacing of <pre> (line edges are trimmed like everywhere)', () => {
    expect(htmlToText('<pre>第一行\n  第二行  a  b</pre>')).toBe('第一行\n第二行  a  b');
  });
});
