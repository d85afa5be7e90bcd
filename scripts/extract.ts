/**
 * CLI: npm run extract -- [--json] [--base-date YYYY-MM-DD] FILE...
 * Prints the 文号, deadlines and responsible units of each file, as a table or as JSON.
 * Exit 0 on success, 2 on a bad flag or an unreadable file (nothing goes to stdout then).
 */
import { parseArgs } from 'node:util';
import { extract } from '../lib/index';
import type { Entity } from '../lib/entity';
import { formatReport, isIsoDate, localTodayIso } from './extract-format';
import { loadDocument, type LoadedDocument } from './load-document';

const USAGE = `Usage: npm run extract -- [options] FILE...

Finds document numbers (文号), deadlines (期限) and responsible units (责任单位) in county
government documents: .txt (UTF-8, or GB18030 when not valid UTF-8) and .html/.htm (charset from
BOM or <meta>, default UTF-8).

Options:
  --json                   JSON instead of a table: one file → one array of entities;
                           several files → one {"file", "entities"} object per line
  --base-date YYYY-MM-DD   year of last resort for year-less deadlines (6月底前, 年底前)
  --today YYYY-MM-DD       the date "days left" counts from (default: today)
  -h, --help               show this help`;

function fail(message: string): never {
  process.stderr.write(`extract: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'base-date': { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message} (try --help)`);
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const baseDate = values['base-date'];
  if (baseDate !== undefined && !isIsoDate(baseDate)) fail(`--base-date must be YYYY-MM-DD, got '${baseDate}'`);
  const today = values.today ?? localTodayIso();
  if (!isIsoDate(today)) fail(`--today must be YYYY-MM-DD, got '${today}'`);
  if (files.length === 0) fail('no input files (try --help)');

  // Read everything first so a bad path fails before any output is written.
  const docs: (LoadedDocument & { file: string })[] = files.map((file) => {
    try {
      return { file, ...loadDocument(file) };
    } catch (e) {
      fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });

  const results: { file: string; doc: LoadedDocument; entities: Entity[] }[] = docs.map((doc) => ({
    file: doc.file,
    doc,
    entities: extract(doc.text, baseDate ? { baseDate } : {}),
  }));

  if (values.json) {
    const lines =
      results.length === 1
        ? [JSON.stringify(results[0]?.entities ?? [])]
        : results.map((r) => JSON.stringify({ file: r.file, entities: r.entities }));
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  const reports = results.map((r) => formatReport({ file: r.file, charset: r.doc.charset, text: r.doc.text, entities: r.entities, today }));
  process.stdout.write(reports.join('\n\n') + '\n');
}

main(process.argv.slice(2));
