// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRoots, infoBlock, mainContainer } from '@/dom/main-content';
import { buildTextModel } from '@/dom/text-model';
import { extract } from '@/lib/index';

const PAGES = join(__dirname, '../e2e/pages/shanhe');
function load(html: string) {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
}

const PAGE = `<html><head><title>t</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zfgb/">政府公报</a> <a href="/zcwj/">河政发〔2024〕1号解读</a> <a href="/bmdt/">县财政局</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfgb/">政府公报</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>1153/2024-00012</td></tr>
<tr><td>发文字号：</td><td>河政办发〔2024〕12号</td><td>成文日期：</td><td>2024年03月08日</td></tr></table>
<div class="wrap"><div class="side"><a href="/a">关于河政发〔2023〕9号的解读</a></div>
<div class="TRS_Editor"><p>山河县人民政府办公室关于做好春耕工作的通知</p>
<p>各乡镇要按照河政发〔2023〕31号要求，于2024年4月15日前将实施方案报县农业农村局，责任单位：县财政局。</p></div></div>
<div class="footer">山河县人民政府办公室主办　联系电话：0000-1234567</div>
</body></html>`;

describe('main content', () => {
  it('picks the content container and keeps the 信息公开 block; menus, breadcrumb and footer are left out', () => {
    load(PAGE);
    const main = mainContainer(document)!;
    expect(main.className).toBe('TRS_Editor');
    expect((infoBlock(document, main) as HTMLElement).className).toBe('xxgk');
    const model = buildTextModel(contentRoots(document));
    expect(model.text).toContain('发文字号：\t河政办发〔2024〕12号');
    expect(model.text).toContain('于2024年4月15日前将实施方案报县农业农村局');
    for (const outside of ['政府公报', '河政发〔2024〕1号', '首页', '河政发〔2023〕9号', '联系电话']) {
      expect(model.text).not.toContain(outside);
    }
    const found = extract(model.text, { baseDate: '2024-03-11' }).map((e) => e.text);
    expect(found).toEqual(expect.arrayContaining(['河政办发〔2024〕12号', '河政发〔2023〕31号', '2024年4月15日前']));
    expect(found).not.toContain('河政发〔2024〕1号');
    // Ranges map into the two roots.
    const e = extract(model.text, { baseDate: '2024-03-11' }).find((x) => x.text === '河政办发〔2024〕12号')!;
    expect(model.rangeFor(e.start, e.end)!.startContainer.parentElement!.closest('.xxgk')).toBeTruthy();
  });

  it('without a known container, the block with the most text and fewest links; none on a link page', () => {
    load(`<body><div class="menu"><a href="/">首页</a><a href="/x">政府公报</a></div>
<div class="box"><p>${'各乡镇要按照要求做好春耕备耕工作，确保粮食生产稳定。'.repeat(4)}</p></div><div class="foot">主办单位</div></body>`);
    expect((mainContainer(document) as HTMLElement).className).toBe('box');
    load(readFileSync(join(PAGES, 'tzgg/index.html'), 'utf8'));
    expect(contentRoots(document)).toEqual([document.body]);
  });

  it('on the 通知 fixture: #zoom plus the 信息公开 table, not the top menu', () => {
    load(readFileSync(join(PAGES, 'zfgb/2024/hzbf-12.html'), 'utf8'));
    const roots = contentRoots(document) as HTMLElement[];
    expect(roots.map((r) => r.id || r.className)).toEqual(['xxgk', 'zoom']);
    const text = buildTextModel(roots).text;
    expect(text).not.toContain('政府公报');
    expect(text).not.toContain('网站标识码');
  });
});
