// The package step's last rewrite of dist/ (scripts/lib/eager-factories.mjs): module factories
// become parenthesized function expressions, so V8 compiles them once instead of twice, and a
// bundle behaves exactly as before. The e2e suites then run every path through the real dist/.
import { jest } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { markEagerFactories } from '../../scripts/lib/eager-factories.mjs';

// Parsing all of dist/ and importing data: modules, on a loaded 2-core machine.
jest.setTimeout(30_000);

/** A miniature of ncc's ESM entry: the module map first, then webpack's runtime using it. */
const ENTRY = [
  'import{createRequire as e}from"module";',
  'var t={',
  '11:(e,t,n)=>{n.d(t,{a:()=>add});function add(x,y){return x+y}},',
  '22:e=>{e.exports={kind:"cjs",self:typeof this}},',
  '33:(e,t)=>{t.args=typeof arguments},',
  '44:function(e){e.exports=this===undefined}',
  '};',
  'var n={};',
  'function r(i){var o=n[i];if(o!==undefined)return o.exports;var s=n[i]={exports:{}};t[i].call(s.exports,s,s.exports,r);return s.exports}',
  'r.d=(e,t)=>{for(var n in t)Object.defineProperty(e,n,{enumerable:true,get:t[n]})};',
  'export const result=[r(11).a(2,3),r(22),r(44),r(33).args];',
].join('');

/** A miniature of a lazy chunk ncc splits off. */
const CHUNK =
  'export const id=7;export const ids=[7];export const modules={' +
  '7001:(e,t,n)=>{class K{x=this;static y=this;m(){return this}}e.exports={K}},' +
  '7002:(e,t,n)=>{const f=()=>this;e.exports=f},' +
  '7003:(e)=>{e.exports={get v(){return this},w(){return arguments.length}}}' +
  '};';

/** Evaluates ESM text and returns its exports. */
async function evaluate(code: string): Promise<Record<string, unknown>> {
  return (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<
    string,
    unknown
  >;
}

test('arrow factories that do not use this/arguments become parenthesized functions', () => {
  const { code, factories, asFunctions } = markEagerFactories(ENTRY);
  expect(factories).toBe(4);
  expect(code).toContain('11:(function(e,t,n){n.d(t,{a:()=>add});');
  // `this` and `arguments` would be rebound by a function: those stay arrows, in parentheses.
  expect(code).toContain('22:(e=>{e.exports={kind:"cjs",self:typeof this}})');
  expect(code).toContain('33:((e,t)=>{t.args=typeof arguments})');
  expect(code).toContain('44:(function(e){e.exports=this===undefined})');
  expect(asFunctions).toBe(1);
  // Outside the module map nothing changes (the runtime's own arrows stay as they were).
  expect(code).toContain('r.d=(e,t)=>{for(var n in t)');
});

test('the entry behaves exactly as before', async () => {
  const before = await evaluate(ENTRY);
  const after = await evaluate(markEagerFactories(ENTRY).code);
  expect(after['result']).toEqual(before['result']);
  expect(after['result']).toEqual([5, { kind: 'cjs', self: 'undefined' }, false, 'undefined']);
});

test('this inside class members, getters and methods is theirs; in a nested arrow it is ours', () => {
  const { code, asFunctions } = markEagerFactories(CHUNK);
  // Class fields, static fields and methods bind their own this: a function is fine.
  expect(code).toContain('7001:(function(e,t,n){class K{x=this;');
  expect(code).toContain('7002:((e,t,n)=>{const f=()=>this;'); // a nested arrow's this is ours
  // this/arguments only inside a getter and a method: their own bindings, so a function is fine.
  expect(code).toContain('7003:(function(e){e.exports={get v(){return this}');
  expect(asFunctions).toBe(2);
});

test('the chunk behaves exactly as before', async () => {
  const run = async (code: string) => {
    const chunk = await evaluate(code);
    const modules = chunk['modules'] as Record<string, (m: object, e: object, r: object) => void>;
    const exportsOf = (id: string) => {
      const module = { exports: {} as Record<string, unknown> };
      modules[id]?.call(module.exports, module, module.exports, {});
      return module.exports;
    };
    const { K } = exportsOf('7001') as { K: new () => { x: unknown; m(): unknown } };
    const k = new K();
    const f = exportsOf('7002') as unknown as () => unknown;
    const o = exportsOf('7003') as { v: unknown; w(...a: unknown[]): number };
    return [k.x === k, k.m() === k, f(), o.v === o, o.w(1, 2, 3)];
  };
  expect(await run(markEagerFactories(CHUNK).code)).toEqual(await run(CHUNK));
  expect(await run(CHUNK)).toEqual([true, true, undefined, true, 3]);
});

test('an arrow whose parameters or a direct eval use the enclosing this stays an arrow', () => {
  const source =
    'export const modules={1:(e,t=this)=>{t.x=1},2:(e)=>{e.exports=eval("this")},3:(e)=>{e.exports=1}};';
  const { code, asFunctions } = markEagerFactories(source);
  expect(code).toContain('1:((e,t=this)=>{t.x=1})');
  expect(code).toContain('2:((e)=>{e.exports=eval("this")})');
  expect(code).toContain('3:(function(e){e.exports=1})');
  expect(asFunctions).toBe(1);
});

test('a module map entry that is not a plain function value stops the build', () => {
  expect(() => markEagerFactories('export const modules={1(e){e.exports=1}};')).toThrow(
    /not plain function values/,
  );
  expect(() => markEagerFactories('export const modules={get 1(){return 1}};')).toThrow(
    /not plain function values/,
  );
});

test('running it twice changes nothing more', () => {
  const once = markEagerFactories(ENTRY).code;
  expect(markEagerFactories(once).code).toBe(once);
});

test('every bundle in the committed dist/ has been through it', () => {
  const bundles = readdirSync('dist', { recursive: true, encoding: 'utf8' })
    .filter((path) => /(^|\/)(\d+\.)?index\.js$/.test(path))
    .map((path) => join('dist', path));
  expect(bundles.length).toBeGreaterThan(8);
  for (const file of bundles.filter((f) => f !== join('dist', 'cli', 'index.js'))) {
    const text = readFileSync(file, 'utf8');
    // Booleans, not the texts: a failure must not print a whole bundle.
    const rewritten = markEagerFactories(text).code === text;
    expect([file, rewritten, /[{,]\d+:\(function\(/.test(text)]).toEqual([file, true, true]);
  }
});
