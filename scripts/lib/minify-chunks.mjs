#!/usr/bin/env node
// Minifies the lazy chunks ncc leaves as webpack wrote them (the last step of `npm run package`).
//
// `ncc build -m` passes only each entry file to terser (@vercel/ncc 0.45 dist/ncc/index.js:
// `terser.minify(N, {module: esm, compress: false, mangle: {keep_classnames, keep_fnames}})`
// on `${filename}`); the chunks it splits off for dynamic imports (`<id>.index.js`) keep their
// comments, indentation and long names. Node compiles the whole text of every ESM file it
// imports, so the 925 kB SDK chunk cost about 25 ms to compile where its minified text costs
// about 18 ms (measured 2026-11-30, docs/performance.md). Same terser options as ncc uses for
// the entries: no compression, names of functions and classes kept (the SDK reads some).
//
//   node scripts/lib/minify-chunks.mjs dist dist/post dist/credential-process dist/cli
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const CHUNK = /^\d+\.index\.js$/;

async function minifyChunk(file) {
  const source = readFileSync(file, 'utf8');
  const result = await minify(source, {
    module: true,
    compress: false,
    mangle: { keep_classnames: true, keep_fnames: true },
  });
  if (result.code === undefined) throw new Error(`terser returned no code for ${file}`);
  writeFileSync(file, result.code);
  return { file, before: source.length, after: result.code.length };
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: minify-chunks.mjs <ncc output dir>...\n');
  process.exit(2);
}
for (const dir of dirs) {
  for (const name of readdirSync(dir)
    .filter((n) => CHUNK.test(n))
    .sort()) {
    const { file, before, after } = await minifyChunk(join(dir, name));
    process.stdout.write(
      `minified ${file}: ${(before / 1000).toFixed(1)} kB → ${(after / 1000).toFixed(1)} kB\n`,
    );
  }
}
