/**
 * The reader's notes as a spreadsheet: CSV (RFC 4180 quoting and CRLF line ends, written by
 * papaparse) in UTF-8 with a byte-order mark, which is what makes Excel and WPS read the Chinese
 * correctly instead of guessing GBK. One row per note, in the order given.
 */
import Papa from 'papaparse';
import type { Note } from './note';
import { isTask } from './note';

export const CSV_HEADERS = [
  'ID',
  '页面标题',
  '网址',
  '站点',
  '文号',
  '成文日期',
  '类型',
  '引文',
  '批注',
  '标签',
  '状态',
  '截止日期',
  '创建时间',
  '更新时间',
] as const;

/**
 * Cells Excel, WPS and LibreOffice would run as a formula (CSV injection: a quote such as
 * "=HYPERLINK(…)" or "@SUM(…)" from a page): = + - @ and a leading tab or CR. papaparse puts an
 * apostrophe in front, which spreadsheets show as text and hide. Its default pattern ends in `.*$`
 * and so misses a cell whose formula is followed by a line break; this one looks at the first
 * character only.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

const TAG_SEPARATOR = '、';

function kindOf(note: Note): string {
  if (note.target.type === 'page') return '整页';
  if (note.target.type === 'selection') return '摘录';
  return { docNumber: '文号', deadline: '期限', unit: '单位' }[note.target.entity.kind];
}

/** Tasks show 待办 / 已完成; a plain note has no status. */
function statusOf(note: Note): string {
  if (note.status === 'done') return '已完成';
  return isTask(note) ? '待办' : '';
}

function row(note: Note): string[] {
  return [
    note.id,
    note.pageTitle,
    note.url,
    note.site,
    note.docNumber ?? '',
    note.docDate ?? '',
    kindOf(note),
    note.target.type === 'page' ? '' : note.target.quote.exact,
    note.body,
    note.tags.join(TAG_SEPARATOR),
    statusOf(note),
    note.due ?? '',
    note.createdAt,
    note.updatedAt,
  ];
}

/** Timestamps stay ISO 8601 UTC (sortable, exact); dates are YYYY-MM-DD; tags are joined with 、. */
export function notesToCsv(notes: Note[]): string {
  const csv = Papa.unparse({ fields: [...CSV_HEADERS], data: notes.map(row) }, { newline: '\r\n', escapeFormulae: FORMULA_START });
  return `\uFEFF${csv}\r\n`;
}
