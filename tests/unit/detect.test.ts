// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDocument, type PageSignals } from '@/lib/detect';
import { extract } from '@/lib/index';
import { pageSignals } from '@/dom/signals';
import { reasonTexts } from '@/dom/analyze';
import { buildTextModel } from '@/dom/text-model';

// happy-dom replaces URL, so build the path with node:path.
const PAGES = join(__dirname, '../e2e/pages/shanhe');

/** Loads a fixture page into the happy-dom document and scores it like the content script does. */
function scorePage(path: string) {
  const html = readFileSync(join(PAGES, path), 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const model = buildTextModel(doc.body);
  const entities = extract(model.text, { baseDate: '2024-03-11' });
  const n = (k: string) => entities.filter((e) => e.kind === k).length;
  return {
    model,
    entities,
    detection: detectDocument(pageSignals(doc, model.text, { docNumber: n('docNumber'), deadline: n('deadline') })),
  };
}

const base: PageSignals = { meta: {}, title: '', text: '', linkTextLength: 0, docNumberCount: 0, deadlineCount: 0 };
const prose = '各乡镇人民政府，县直各有关单位：现将有关事项通知如下，请认真贯彻落实。'.repeat(6);

describe('detectDocument (pure signals)', () => {
  it('scores meta tags, the 信息公开 block, a 公报 column and a 公文 title', () => {
    const d = detectDocument({
      ...base,
      meta: {
        SiteName: '山河县人民政府',
        SiteIDCode: '5399000001',
        ColumnName: '政府公报',
        ArticleTitle: '关于X的通知',
        PubDate: '2024-03-11 09:30',
        ContentSource: '县政府办',
      },
      title: '山河县人民政府关于做好防汛工作的通知',
      text: `索引号：1/2024-1\t发布机构：县政府办\n成文日期：2024年3月8日\n${prose}`,
    });
    expect(d.isDocument).toBe(true);
    // lib/ names the reasons; the UI words them (zh_CN here, the default locale).
    expect(d.reasons).toContainEqual({ key: 'detectInfoBlock', subs: ['索引号、发布机构、成文日期'] });
    expect(reasonTexts(d).join('\n')).toMatch(/政府网站元数据：山河县人民政府/);
    expect(reasonTexts(d).join('\n')).toMatch(/信息公开栏（索引号、发布机构、成文日期）/);
    expect(reasonTexts(d).join('\n')).toMatch(/政府公报/);
    expect(reasonTexts(d).join('\n')).toMatch(/标题是公文样式/);
  });

  it('a 公文 title plus 文号 and deadlines in the text is enough without any meta', () => {
    const d = detectDocument({ ...base, title: '关于印发山河县防汛应急预案的通知', text: prose, docNumberCount: 1, deadlineCount: 3 });
    expect(d.isDocument).toBe(true);
    expect(reasonTexts(d).some((r) => r.includes('1 个文号、3 个期限'))).toBe(true);
  });

  it.each([
    '关于开展安全检查的意见',
    '山河县城市管理办法',
    '县人民政府关于同意设立青岭镇的批复',
    '山河县防汛工作实施方案',
    '关于表彰先进集体的决定',
  ])('recognises the title %s', (title) => {
    expect(reasonTexts(detectDocument({ ...base, title, text: prose })).some((r) => r.startsWith('标题是公文样式'))).toBe(true);
  });

  it('pages that are mostly links are not documents, even with 公文 titles in them', () => {
    const links = '关于做好春季森林防火工作的通知\n'.repeat(20);
    const d = detectDocument({
      ...base,
      meta: { SiteName: '山河县人民政府', ColumnName: '通知公告' },
      title: '通知公告',
      text: links,
      linkTextLength: links.length - 20,
      docNumberCount: 1,
    });
    expect(d.isDocument).toBe(false);
    expect(reasonTexts(d).some((r) => r.includes('像首页或列表页'))).toBe(true);
  });

  it('a bare page says why it is not a document', () => {
    const d = detectDocument({ ...base, text: '欢迎' });
    expect(d.isDocument).toBe(false);
    expect(d.reasons.length).toBeGreaterThan(0);
  });
});

describe('detection on the fixture pages', () => {
  it('the 通知 in the 政府公报 column is a document', () => {
    const { detection, entities, model } = scorePage('zfgb/2024/hzbf-12.html');
    expect(detection.isDocument).toBe(true);
    expect(detection.score).toBeGreaterThanOrEqual(10);
    // The 文号 split over <span>/<b> is one entity in the model text.
    expect(entities.filter((e) => e.kind === 'docNumber').map((e) => e.text)).toContain('河政办发〔2024〕12号');
    expect(model.text).not.toContain('留言'); // textarea content is not page text
  });

  it('the county home page and the news list are not documents', () => {
    for (const page of ['index.html', 'tzgg/index.html']) {
      const { detection } = scorePage(page);
      expect(detection.isDocument, `${page}: ${reasonTexts(detection).join('; ')}`).toBe(false);
    }
  });
});
