#!/usr/bin/env node
// Marks the module factories of ncc's bundles for eager compilation (the last step of
// `npm run package`, after minify-chunks.mjs).
//
// Every file ncc writes holds webpack's module map: `{1234:(e,t,n)=>{…},…}`, one factory per
// bundled module, and loading the action calls nearly all of them. V8 compiles a function
// lazily: at load it only pre-parses the factory, and when the factory runs it parses it again
// in full. For a function expression in parentheses V8 instead compiles at once (its "PIFE"
// heuristic: https://v8.dev/blog/preparser#pife), so each factory is parsed once. webpack's
// unminified output has those parentheses; terser drops them. Measured on the OIDC -> role
// run (2 cores, docs/performance.md): restoring them as `(function(e,t,n){…})` saves about
// 20 ms of the step's ~150 ms under Node 20 and Node 24; parentheses around an arrow help
// only Node 24.
//
// An arrow factory becomes a function expression only when its body does not use the
// enclosing `this`, `arguments`, `new.target` or `super` (a function would rebind them);
// otherwise it keeps its arrow and only gains the parentheses. Nothing else changes.
//
//   node scripts/lib/eager-factories.mjs dist dist/post dist/credential-process dist/cli
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as acorn from 'acorn';

const BUNDLE = /^(\d+\.)?index\.js$/;

/** Whether an arrow's parameters or body refer to a binding it takes from its enclosing scope. */
function usesEnclosingBindings(arrow) {
  let found = false;
  const visit = (node) => {
    if (found || node === null || typeof node !== 'object' || typeof node.type !== 'string') return;
    if (
      node.type === 'ThisExpression' ||
      node.type === 'Super' ||
      (node.type === 'MetaProperty' && node.meta.name === 'new') ||
      // A direct eval sees the enclosing bindings too; `arguments` anywhere is taken as a use.
      (node.type === 'Identifier' && (node.name === 'arguments' || node.name === 'eval'))
    ) {
      found = true;
      return;
    }
    // Functions and class members bind their own this/arguments; a computed key does not.
    if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') return;
    if (
      node.type === 'MethodDefinition' ||
      node.type === 'PropertyDefinition' ||
      node.type === 'StaticBlock'
    ) {
      if (node.computed) visit(node.key);
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  arrow.params.forEach(visit);
  visit(arrow.body);
  return found;
}

/** The factories of a bundle: the entry's module map (its first object) or a chunk's `modules`. */
function factoriesOf(program) {
  const maps = [];
  const first = program.body.find(
    (node) =>
      node.type === 'VariableDeclaration' &&
      node.declarations[0]?.init?.type === 'ObjectExpression',
  );
  if (first) maps.push(first.declarations[0].init);
  for (const node of program.body)
    if (node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration')
      for (const d of node.declaration.declarations)
        if (d.id.name === 'modules' && d.init?.type === 'ObjectExpression') maps.push(d.init);
  return maps.flatMap((map) => {
    const entries = map.properties.filter(
      (p) => p.type === 'Property' && /^\d+$/.test(String(p.key.value ?? p.key.name)),
    );
    // `id: (…) => {…}` or `id: function (…) {…}`; a method (`id(…) {…}`) or getter would not
    // survive parentheses, and webpack writes neither.
    const factories = entries
      .filter((p) => p.kind === 'init' && !p.method)
      .map((p) => p.value)
      .filter((v) => v.type === 'ArrowFunctionExpression' || v.type === 'FunctionExpression');
    if (factories.length !== entries.length)
      throw new Error(
        `${entries.length - factories.length} module map entries are not plain function values: ` +
          'ncc/webpack output changed shape; check scripts/lib/eager-factories.mjs',
      );
    return factories;
  });
}

/**
 * Rewrites one bundle file's text: every module factory as a parenthesized function expression
 * (or a parenthesized arrow where it must stay one). Returns the text and what was done.
 */
export function markEagerFactories(source) {
  const program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const edits = [];
  let asFunctions = 0;
  for (const f of factoriesOf(program)) {
    if (source[f.start - 1] === '(') continue; // already marked (or written so by webpack)
    const text = source.slice(f.start, f.end);
    if (
      f.type === 'ArrowFunctionExpression' &&
      f.body.type === 'BlockStatement' &&
      !f.async &&
      !usesEnclosingBindings(f)
    ) {
      const params = f.params.length
        ? source.slice(f.params[0].start, f.params[f.params.length - 1].end)
        : '';
      edits.push({
        start: f.start,
        end: f.end,
        text: `(function(${params})${source.slice(f.body.start, f.body.end)})`,
      });
      asFunctions++;
    } else edits.push({ start: f.start, end: f.end, text: `(${text})` });
  }
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return { code: out, factories: edits.length, asFunctions };
}

async function main() {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('usage: eager-factories.mjs <ncc output dir>...\n');
    process.exit(2);
  }
  for (const dir of dirs)
    for (const name of readdirSync(dir)
      .filter((n) => BUNDLE.test(n))
      .sort()) {
      const file = join(dir, name);
      const { code, factories, asFunctions } = markEagerFactories(readFileSync(file, 'utf8'));
      // A lazy chunk exists to carry modules: none found means the output changed shape.
      if (factories === 0 && name !== 'index.js' && !code.includes('(function('))
        throw new Error(
          `${file}: no module factories found; check scripts/lib/eager-factories.mjs`,
        );
      writeFileSync(file, code);
      process.stdout.write(
        `eager factories ${file}: ${factories} (${asFunctions} as function expressions)\n`,
      );
    }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
