/**
 * The source and the messages agree. Read with the TypeScript parser (not a regular expression),
 * every t('name', …) call names a message that exists and passes exactly its placeholders; so does
 * every reason lib/detect.ts names ({ key, subs }); every __MSG_name__ of the manifest and the HTML
 * exists. And no Chinese text is left in a string of the UI code: only the page's own terms (listed
 * below) and console lines may stay. Calls with a computed name are checked by tsc (MessageKey).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readMessages } from './fakes/i18n';

const ROOT = join(__dirname, '../..');
const messages = readMessages('zh_CN');
const placeholderCount = (name: string) => new Set(messages[name]?.message.match(/\$[1-9]/g) ?? []).size;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

const UI_DIRS = ['components', 'dom', 'entrypoints', 'utils'];
const parsed = [...UI_DIRS, 'lib'].flatMap(sourceFiles).map((path) => ({
  path,
  source: ts.createSourceFile(
    path,
    readFileSync(join(ROOT, path), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  ),
}));

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** The message names an argument can evaluate to: a literal, or either side of `c ? 'a' : 'b'`. */
function literalNames(arg: ts.Expression): string[] | null {
  if (ts.isStringLiteralLike(arg)) return [arg.text];
  if (ts.isParenthesizedExpression(arg)) return literalNames(arg.expression);
  if (ts.isConditionalExpression(arg)) {
    const a = literalNames(arg.whenTrue);
    const b = literalNames(arg.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

interface Use {
  where: string;
  name: string;
  args: number;
}

function uses(): { calls: Use[]; computed: number; reasons: Use[] } {
  const calls: Use[] = [];
  const reasons: Use[] = [];
  let computed = 0;
  for (const { path, source } of parsed) {
    visit(source, (n) => {
      const where = () => `${path}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't' && n.arguments.length > 0) {
        const names = literalNames(n.arguments[0]!);
        if (!names) computed++;
        for (const name of names ?? []) calls.push({ where: where(), name, args: n.arguments.length - 1 });
      }
      // lib/detect.ts: { key: 'detect…', subs: [...] }
      if (ts.isObjectLiteralExpression(n)) {
        const prop = (k: string) =>
          n.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === k)
            ?.initializer;
        const key = prop('key');
        const subs = prop('subs');
        if (key && subs && ts.isStringLiteral(key) && ts.isArrayLiteralExpression(subs)) {
          reasons.push({ where: where(), name: key.text, args: subs.elements.length });
        }
      }
    });
  }
  return { calls, computed, reasons };
}

describe('messages used by the source', () => {
  const { calls, computed, reasons } = uses();

  it('finds the calls (the scan itself works)', () => {
    expect(calls.length).toBeGreaterThan(150);
    expect(computed).toBeGreaterThan(5); // t(LABELS[kind]) and the like: typed MessageKey, checked by tsc
    expect(reasons.map((r) => r.name)).toContain('detectInfoBlock');
  });

  it('every t() names an existing message and passes exactly its placeholders', () => {
    const wrong = calls
      .filter((c) => !(c.name in messages) || c.args !== placeholderCount(c.name))
      .map(
        (c) =>
          `${c.where} t('${c.name}') with ${c.args} argument(s); message ${c.name in messages ? `has ${placeholderCount(c.name)}` : 'missing'}`,
      );
    expect(wrong).toEqual([]);
  });

  it('every detection reason names an existing message with as many substitutions as placeholders', () => {
    const wrong = reasons
      .filter((r) => !(r.name in messages) || r.args !== placeholderCount(r.name))
      .map((r) => `${r.where} ${r.name} with ${r.args} substitution(s)`);
    expect(wrong).toEqual([]);
  });

  it('every __MSG_name__ of the manifest and the extension pages exists', () => {
    const files = ['wxt.config.ts', ...readdirSync(join(ROOT, 'entrypoints')).map((e) => join('entrypoints', e, 'index.html'))];
    const names = files
      .filter((f) => existsSync(join(ROOT, f)))
      .flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));
    expect(names).toEqual(expect.arrayContaining(['extName', 'extDescription', 'cmdAddNote', 'actionTitle']));
    expect(names.filter((n) => !(n in messages))).toEqual([]);
  });
});

/**
 * Chinese that may stay in UI code: the page's own terms the code looks for (信息公开 labels), and
 * the console's '[公报透镜]' prefix (for developers, not readers).
 */
const PAGE_TERMS = new Set(['索引号', '发文字号', '发布机构', '成文日期', '[公报透镜]']);
/** Files whose Chinese no reader sees: refusals sent back to a sender that is not ours. */
const NOT_FOR_READERS = new Set(['utils/message-sender.ts']);

describe('no reader-facing Chinese left in UI code', () => {
  it('strings and JSX text of components/, dom/, entrypoints/, utils/ hold no Chinese but page terms', () => {
    const found: string[] = [];
    for (const { path, source } of parsed) {
      if (!UI_DIRS.some((d) => path.startsWith(d)) || NOT_FOR_READERS.has(path)) continue;
      visit(source, (n) => {
        let text: string | null = null;
        if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) text = n.text;
        else if (ts.isJsxText(n)) text = n.text;
        if (text && /\p{Script=Han}/u.test(text) && !PAGE_TERMS.has(text)) {
          found.push(
            `${relative(ROOT, join(ROOT, path))}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${JSON.stringify(text)}`,
          );
        }
      });
    }
    expect(found).toEqual([]);
  });
});
