import { describe, expect, it } from 'vitest';
import { extract } from '@/lib/index';
import { pageIdentity } from '@/lib/page-identity';

const id = (text: string) => pageIdentity(text, extract(text, { baseDate: '2026-01-01' }));

describe('pageIdentity', () => {
  it('takes the 信息公开 block fields', () => {
    const text =
      '索引号：11140000-2024-00012\t发文字号：山政办发〔2024〕12号\n成文日期：2024年03月05日\t发布日期：2024-03-08\n' +
      '关于做好防汛工作的通知\n根据河政发〔2023〕9号要求，6月底前完成。';
    expect(id(text)).toEqual({ docNumber: '山政办发〔2024〕12号', docDate: '2024-03-05' });
  });

  it('falls back to the number under the title and the signature date', () => {
    const text =
      '山河县人民政府办公室\n关于印发安全生产方案的通知\n山政办发〔2025〕3号\n各乡镇人民政府：\n' +
      '按照市政发〔2024〕88号要求……\n山河县人民政府办公室\n2025年2月17日\n';
    expect(id(text)).toEqual({ docNumber: '山政办发〔2025〕3号', docDate: '2025-02-17' });
  });

  it('does not take a number cited inside a sentence as the page own', () => {
    const text = '关于转发的通知\n根据国办发〔2023〕27号文件精神，年底前完成。';
    expect(id(text)).toEqual({ docNumber: null, docDate: null });
  });
});
