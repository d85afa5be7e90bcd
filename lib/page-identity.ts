/**
 * A document page's own identity — its 文号 and 成文日期 — so notes and the notes manager can name
 * the document a note belongs to. The 信息公开 block's labelled fields win (发文字号：…, 成文日期：…);
 * failing those, a 文号 printed alone on its line (under the title) and the date alone on a line
 * (under the signature). Numbers cited inside sentences are other documents, never this one.
 */
import type { DocNumberEntity, Entity } from './entity';

export interface PageIdentity {
  docNumber: string | null;
  /** YYYY-MM-DD */
  docDate: string | null;
}

const LABEL_BEFORE = /(?:发文字号|文号)[ \t\u3000]*[：:][ \t\u3000]*$/;
const LABELLED_DATE =
  /成文日期[ \t\u3000]*[：:][ \t\u3000]*(\d{4})[ \t\u3000]*[年\-/.][ \t\u3000]*(\d{1,2})[ \t\u3000]*[月\-/.][ \t\u3000]*(\d{1,2})/;
// A signature date: the whole line is the date (2024年3月5日 / 2024-03-05).
const DATE_LINE = /^[ \t\u3000]*(\d{4})[ \t\u3000]*年[ \t\u3000]*(\d{1,2})[ \t\u3000]*月[ \t\u3000]*(\d{1,2})[ \t\u3000]*日[ \t\u3000]*$/gm;

function iso(y: string, m: string, d: string): string | null {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  return `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function aloneOnLine(text: string, e: DocNumberEntity): boolean {
  const a = text.lastIndexOf('\n', e.start - 1) + 1;
  let b = text.indexOf('\n', e.end);
  if (b < 0) b = text.length;
  return (text.slice(a, e.start) + text.slice(e.end, b)).replace(/[\s（）()【】[\]]/g, '') === '';
}

export function pageIdentity(text: string, entities: readonly Entity[]): PageIdentity {
  const numbers = entities.filter((e): e is DocNumberEntity => e.kind === 'docNumber');
  const labelled = numbers.find((e) => LABEL_BEFORE.test(text.slice(Math.max(0, e.start - 12), e.start)));
  const docNumber = (labelled ?? numbers.find((e) => aloneOnLine(text, e)))?.normalized ?? null;

  let docDate: string | null = null;
  const m = LABELLED_DATE.exec(text);
  if (m) docDate = iso(m[1]!, m[2]!, m[3]!);
  if (!docDate) {
    // The last date line is the signature's (a gazette page may carry earlier dated lines).
    DATE_LINE.lastIndex = 0;
    for (let d = DATE_LINE.exec(text); d; d = DATE_LINE.exec(text)) docDate = iso(d[1]!, d[2]!, d[3]!) ?? docDate;
  }
  return { docNumber, docDate };
}
