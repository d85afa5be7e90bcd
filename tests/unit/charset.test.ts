import { describe, expect, it } from 'vitest';
import { decodeHtmlBytes, decodeTextBytes, sniffMetaCharset } from '../../lib/charset';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf8 = (s: string) => new TextEncoder().encode(s);

// "公报" in GBK, and U+20000 (𠀀, outside GBK) as a GB18030 four-byte sequence.
const GBK_GONGBAO = new Uint8Array([0xb9, 0xab, 0xb1, 0xa8]);
const GB18030_U20000 = new Uint8Array([0x95, 0x32, 0x82, 0x36]);

describe('decodeHtmlBytes', () => {
  it('honours a UTF-8 BOM and strips it', () => {
    const r = decodeHtmlBytes(concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('<p>公报</p>')));
    expect(r).toEqual({ text: '<p>公报</p>', charset: 'utf-8' });
  });

  it('honours UTF-16 BOMs over a contradicting meta', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x6c, 0x51, 0xa5, 0x62]); // 公报 in UTF-16LE
    const be = new Uint8Array([0xfe, 0xff, 0x51, 0x6c, 0x62, 0xa5]);
    expect(decodeHtmlBytes(le)).toEqual({ text: '公报', charset: 'utf-16le' });
    expect(decodeHtmlBytes(be)).toEqual({ text: '公报', charset: 'utf-16be' });
  });

  it('decodes <meta charset="gbk"> pages as GB18030', () => {
    const r = decodeHtmlBytes(concat(ascii('<html><head><meta charset="gbk"></head><body>'), GBK_GONGBAO));
    expect(r.charset).toBe('gb18030');
    expect(r.text.endsWith('<body>公报')).toBe(true);
  });

  it('reads the http-equiv form with gb2312', () => {
    const head = ascii('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">');
    expect(sniffMetaCharset(head)).toBe('gb18030');
    expect(decodeHtmlBytes(concat(head, GBK_GONGBAO)).text).toContain('公报');
  });

  it('ignores a meta declaration after the first 2 KB', () => {
    const bytes = concat(ascii(' '.repeat(2100)), ascii('<meta charset="gbk">'), utf8('公报'));
    expect(decodeHtmlBytes(bytes)).toMatchObject({ charset: 'utf-8' });
  });

  it('defaults to UTF-8', () => {
    expect(decodeHtmlBytes(utf8('<p>山河县</p>'))).toEqual({ text: '<p>山河县</p>', charset: 'utf-8' });
  });

  it('round-trips GB18030 four-byte characters', () => {
    const r = decodeHtmlBytes(concat(ascii('<meta charset="gb18030">'), GB18030_U20000, GBK_GONGBAO));
    expect(r.text).toBe('<meta charset="gb18030">\u{20000}公报');
  });
});

describe('decodeTextBytes', () => {
  it('reads UTF-8 and strips its BOM', () => {
    expect(decodeTextBytes(utf8('责任单位'))).toEqual({ text: '责任单位', charset: 'utf-8' });
    expect(decodeTextBytes(concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('责任单位'))).text).toBe('责任单位');
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    expect(decodeTextBytes(concat(ascii('2024 '), GBK_GONGBAO))).toEqual({ text: '2024 公报', charset: 'gb18030' });
  });

  it('keeps a literal U+FFFD of a valid UTF-8 file', () => {
    expect(decodeTextBytes(utf8('a\uFFFDb'))).toEqual({ text: 'a\uFFFDb', charset: 'utf-8' });
  });
});
