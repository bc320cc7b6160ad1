// bench/duckdb/run.mjs - runs bench/duckdb/vik.sql with DuckDB's Node.js API on a
// folder of exports, printing the time of each statement and the total.
//
// Why Node.js: Debian 12 packages no DuckDB, and its Python wheel needs PyPI; the
// npm registry carries @duckdb/node-api with the engine built in. It is only the
// yardstick of `make bench` (tests/bench.sh installs it into BENCH_DIR, outside the
// tree), never part of vik or its tests.
//
// usage: node run.mjs SQL DIR OUT THREADS REFERENCE_DATE   (NODE_PATH: the module's folder)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [sqlPath, dir, out, threads, ref] = process.argv.slice(2);
if (!ref) {
  console.error('usage: node run.mjs SQL DIR OUT THREADS REFERENCE_DATE');
  process.exit(2);
}
const require = createRequire(process.env.NODE_PATH ? `${process.env.NODE_PATH}/` : import.meta.url);
const { DuckDBInstance } = require('@duckdb/node-api');

const vars = { DIR: dir, OUT: out, THREADS: threads, REF: ref };
const sql = readFileSync(sqlPath, 'utf8').replace(/\$\{(\w+)\}/g, (m, k) => vars[k] ?? m);
const statements = sql
  .split(/^;\s*$/m)
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => s.length > 0);

const started = process.hrtime.bigint();
const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const s of statements) {
  const t = process.hrtime.bigint();
  await con.run(s);
  const head = s.split('\n')[0].slice(0, 60);
  if (process.env.DUCKDB_VERBOSE) console.error(`${seconds(t).toFixed(2)} s  ${head}`);
}
console.log(`duckdb: ${statements.length} statements in ${seconds(started).toFixed(2)} s`);
