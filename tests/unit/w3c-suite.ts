/**
 * A runner for the W3C Web Annotation test suite's declarative tests (../shared/w3c-web-annotation-tests,
 * the JSONtest format of w3c/web-annotation-tests: see its CONTRIBUTING "Assertion Lists"):
 *
 * - a `.test` file's `assertions` list holds file names (relative to the suite root), inline
 *   assertion objects, objects with `assertionFile` (the file, with the object's keys overriding its
 *   own), condition objects (`assertions` + `compareWith` "and" | "or": the aggregate of the
 *   children), and nested lists (a group: a skip inside it ends only that group);
 * - each assertion is a draft-04 JSON Schema; validating the content gives valid/invalid, compared
 *   with `expectedResult` (default "valid");
 * - an unexpected result acts by `onUnexpectedResult` (default failAndContinue): fail… or pass…
 *   (pass: an optional feature that is absent), then …Continue, …Skip (the rest of this list is
 *   skipped) or …Abort (everything after is skipped).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv-draft-04';

type Json = Record<string, unknown>;
export type Entry = string | Entry[] | AssertionObject;
export interface AssertionObject extends Json {
  title?: string;
  assertionFile?: string;
  assertions?: Entry[];
  compareWith?: 'and' | 'or';
  expectedResult?: 'valid' | 'invalid';
  onUnexpectedResult?: string;
  assertionType?: 'must' | 'should' | 'may';
}

export interface Outcome {
  /** The assertion's file, or its title when inline. */
  name: string;
  assertionType: 'must' | 'should' | 'may';
  status: 'pass' | 'fail' | 'skip';
  message?: string;
}

type Action = 'continue' | 'skip' | 'abort';
const ACTIONS: Record<string, Action> = {
  failAndContinue: 'continue',
  failAndSkip: 'skip',
  failAndAbort: 'abort',
  passAndContinue: 'continue',
  passAndSkip: 'skip',
  passAndAbort: 'abort',
};

export class W3cSuite {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly files = new Map<string, AssertionObject>();
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(readonly dir: string) {
    addFormats(this.ajv);
    const defs = path.join(dir, 'definitions');
    for (const f of readdirSync(defs).filter((f) => f.endsWith('.json'))) {
      this.ajv.addSchema(JSON.parse(readFileSync(path.join(defs, f), 'utf8')), f);
    }
  }

  private load(file: string): AssertionObject {
    let a = this.files.get(file);
    if (!a) {
      a = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as AssertionObject;
      this.files.set(file, a);
    }
    return a;
  }

  /** The assertion list of a `.test` file. */
  assertionsOf(testFile: string): Entry[] {
    return this.load(testFile).assertions ?? [];
  }

  private resolve(entry: string | AssertionObject): { name: string; assertion: AssertionObject } {
    if (typeof entry === 'string') return { name: entry, assertion: this.load(entry) };
    if (entry.assertionFile) {
      // The external file with the local keys laid over it; its "id" is dropped so the merged
      // schema compiles as a new one (its $refs name definition files, which need no base).
      const { assertionFile, ...local } = entry;
      const { id: _id, ...external } = this.load(assertionFile);
      return { name: assertionFile, assertion: { ...external, ...local } };
    }
    return { name: entry.title ?? 'inline assertion', assertion: entry };
  }

  private validator(a: AssertionObject): ValidateFunction {
    let v = this.compiled.get(a);
    if (!v) {
      v = this.ajv.compile(a);
      this.compiled.set(a, v);
    }
    return v;
  }

  /** Whether the content gives the assertion its expected result, and why not. */
  private check(a: AssertionObject, content: unknown): { asExpected: boolean; message?: string } {
    let valid: boolean;
    let errors = '';
    if (a.assertions) {
      const results = a.assertions.map((child) => this.groupPasses(child, content));
      valid = a.compareWith === 'or' ? results.some(Boolean) : results.every(Boolean);
    } else {
      const v = this.validator(a);
      valid = v(content) as boolean;
      if (!valid) errors = this.ajv.errorsText(v.errors);
    }
    const asExpected = valid === ((a.expectedResult ?? 'valid') === 'valid');
    return asExpected ? { asExpected } : { asExpected, message: `${String(a.errorMessage ?? 'unexpected result')} ${errors}`.trim() };
  }

  /** A condition object's child: true when it (or every member of a nested list) is as expected. */
  private groupPasses(entry: Entry, content: unknown): boolean {
    if (Array.isArray(entry)) return entry.every((e) => this.groupPasses(e, content));
    return this.check(this.resolve(entry).assertion, content).asExpected;
  }

  private runList(entries: Entry[], content: unknown, inherited: Action, out: Outcome[]): Action {
    let action = inherited;
    for (const entry of entries) {
      if (Array.isArray(entry)) {
        if (this.runList(entry, content, action, out) === 'abort') action = 'abort';
        continue;
      }
      const { name, assertion } = this.resolve(entry);
      const assertionType = assertion.assertionType ?? 'must';
      if (action !== 'continue') {
        out.push({ name, assertionType, status: 'skip' });
        continue;
      }
      const { asExpected, message } = this.check(assertion, content);
      if (asExpected) {
        out.push({ name, assertionType, status: 'pass' });
        continue;
      }
      const onUnexpected = assertion.onUnexpectedResult ?? 'failAndContinue';
      out.push({ name, assertionType, status: onUnexpected.startsWith('pass') ? 'pass' : 'fail', message });
      action = ACTIONS[onUnexpected] ?? 'continue';
    }
    return action;
  }

  /** Every assertion's outcome for the content, in list order. */
  run(entries: Entry[], content: unknown): Outcome[] {
    const out: Outcome[] = [];
    this.runList(entries, content, 'continue', out);
    return out;
  }

  /** The MUST assertions the content fails (name: message). */
  mustFailures(testFile: string, content: unknown): string[] {
    return this.run(this.assertionsOf(testFile), content)
      .filter((o) => o.status === 'fail' && o.assertionType === 'must')
      .map((o) => `${o.name}: ${o.message ?? ''}`);
  }
}
