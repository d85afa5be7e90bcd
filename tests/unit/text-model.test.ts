// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildTextModel, buildTextModelChunked, TextModelBuilder } from '@/dom/text-model';
import { extract } from '@/lib/index';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('text model', () => {
  it('puts blocks on their own lines and collapses HTML whitespace', () => {
    const m = buildTextModel(
      body(`<h1>山河县人民政府办公室
        关于做好防汛工作的通知</h1>
        <div><p>各乡镇人民政府，  县直各单位：</p><p>请 <em>认真</em> 落实。</p></div>`),
    );
    expect(m.text).toBe('山河县人民政府办公室关于做好防汛工作的通知\n各乡镇人民政府， 县直各单位：\n请 认真 落实。\n');
  });

  it('skips script, style, noscript, form controls, contenteditable and our own UI', () => {
    const m = buildTextModel(
      body(`<p>甲<script>var a = "乙";</script><style>p{}</style><noscript>丙</noscript></p>
        <textarea>丁</textarea><input value="戊"><select><option>己</option></select>
        <div contenteditable="true">庚</div><div data-gazette-lens>辛</div><p hidden>壬</p><p>癸</p>`),
    );
    expect(m.text).toBe('甲\n癸\n');
  });

  it('turns <br> into a line break and table cells into tab-separated rows', () => {
    const m = buildTextModel(
      body(`<p>第一行<br>第二行</p>
        <table><tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>
        <tr><td> 1 </td><td><p>修订预案</p><p>组织演练</p></td><td>县应急管理局<br>县水利局</td></tr>
        <tr><td>2</td><td></td><td>县财政局</td></tr></table><p>完</p>`),
    );
    expect(m.text).toBe('第一行\n第二行\n序号\t工作任务\t责任单位\n1\t修订预案 组织演练\t县应急管理局 县水利局\n2\t\t县财政局\n完\n');
  });

  it('keeps columns under their headers when a cell spans rows (an empty cell stands in for it)', () => {
    const m = buildTextModel(
      body(`<table><tr><th>序号</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
        <tr><td>1</td><td rowspan="2">县行政审批局</td><td>县市场监管局</td><td>6月底前</td></tr>
        <tr><td>2</td><td>县司法局</td><td>9月底前</td></tr>
        <tr><td>3</td><td>县住建局</td><td>县自然资源局</td><td rowspan="3">长期坚持</td></tr>
        <tr><td>4</td><td>县财政局</td><td>县税务局</td></tr></table>`),
    );
    expect(m.text).toBe(
      '序号\t牵头单位\t配合单位\t完成时限\n1\t县行政审批局\t县市场监管局\t6月底前\n2\t\t县司法局\t9月底前\n3\t县住建局\t县自然资源局\t长期坚持\n4\t县财政局\t县税务局\n',
    );
    const roles = extract(m.text)
      .filter((e) => e.kind === 'unit')
      .map((u) => `${u.name}/${u.kind === 'unit' ? u.role : ''}`);
    expect(roles).toContain('县司法局/support');
  });

  it('maps offsets back to DOM ranges, also across element boundaries', () => {
    const root = body('<p>根据<span>河政办</span><b>发〔2024〕12号</b>文件，</p><p>6月30日前完成。</p>');
    const m = buildTextModel(root);
    const start = m.text.indexOf('河政办');
    const end = m.text.indexOf('号') + 1;
    const range = m.rangeFor(start, end)!;
    expect(range.toString()).toBe('河政办发〔2024〕12号');
    expect(range.startContainer.parentElement!.tagName).toBe('SPAN');
    expect(range.endContainer.parentElement!.tagName).toBe('B');
    // A span crossing a block boundary (a synthetic newline) still maps to both text nodes.
    const cross = m.rangeFor(m.text.indexOf('文件'), m.text.indexOf('完成'));
    expect(cross!.toString()).toBe('文件，6月30日前');
    expect(m.rangeFor(m.text.indexOf('\n'), m.text.indexOf('\n') + 1)).toBeNull();
  });

  it('maps collapsed whitespace and NBSP one to one', () => {
    const root = body('<p>县政办发\n   〔2024〕\u00A03号</p>');
    const m = buildTextModel(root);
    expect(m.text).toBe('县政办发〔2024〕 3号\n'); // a line break between CJK characters is no space
    const r = m.rangeFor(0, m.text.indexOf('号') + 1)!;
    expect(r.toString()).toBe('县政办发\n   〔2024〕\u00A03号');
  });

  it('gives extract() entities whose ranges cover exactly their page text', () => {
    const root = body(`<h1>关于做好防汛工作的通知</h1><p>河政办发〔2024〕12号</p>
      <table><tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>
      <tr><td>1</td><td>修订防汛预案</td><td>县应急管理局</td><td>2024年5月31日前</td></tr></table>`);
    const m = buildTextModel(root);
    const entities = extract(m.text, { baseDate: '2024-01-01' });
    expect(entities.map((e) => e.kind).sort()).toEqual(['deadline', 'docNumber', 'unit']);
    for (const e of entities) expect(m.rangeFor(e.start, e.end)!.toString()).toBe(e.text);
  });

  it('builds the same model in budgeted slices', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<p>第${i}段<span>文字</span></p>`).join('');
    const root = body(rows);
    const whole = buildTextModel(root).text;
    const b = new TextModelBuilder(root);
    let slices = 0;
    while (!b.step(-1)) slices++; // an expired deadline: one small batch per call
    expect(slices).toBeGreaterThan(1);
    expect(b.finish().text).toBe(whole);
    const chunked = await buildTextModelChunked(root, () => Promise.resolve(), 0);
    expect(chunked.text).toBe(whole);
  });

  it('never changes the page', () => {
    const root = body('<p>河政办<b>发〔2024〕12号</b></p>');
    const before = root.innerHTML;
    const m = buildTextModel(root);
    m.rangeFor(0, 5);
    expect(root.innerHTML).toBe(before);
  });
});

describe('offsetsOf (a selection back to model offsets)', () => {
  it('maps a selection across elements and whitespace to the model span of the same text', () => {
    document.body.innerHTML = '<p>各乡镇要在<b>6月底前</b>完成\n   排查。</p><table><tr><td>清理河道</td><td>县水利局</td></tr></table>';
    const m = buildTextModel(document.body);
    const r = document.createRange();
    const b = document.querySelector('b')!.firstChild!;
    r.setStart(document.querySelector('p')!.firstChild!, 3);
    r.setEnd(document.querySelector('p')!.lastChild!, '完成\n   排查'.length);
    const o = m.offsetsOf(r)!;
    expect(m.text.slice(o.start, o.end)).toBe('要在6月底前完成排查');
    expect(m.rangeFor(o.start, o.end)!.toString().replace(/\s+/g, '')).toBe('要在6月底前完成排查');
    const cells = document.createRange();
    cells.selectNodeContents(document.querySelector('tr')!);
    const c = m.offsetsOf(cells)!;
    expect(m.text.slice(c.start, c.end)).toBe('清理河道\t县水利局');
    expect(b.textContent).toBe('6月底前');
  });

  it('is null for a selection with no page text', () => {
    document.body.innerHTML = '<p>正文</p><div data-gazette-lens>我们的界面</div>';
    const m = buildTextModel(document.body);
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('div')!);
    expect(m.offsetsOf(r)).toBeNull();
  });
});
