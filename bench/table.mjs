#!/usr/bin/env node
// Prints a saved benchmark run as the Markdown table of docs/PERFORMANCE.md:
//
//   node bench/table.mjs [bench/results/latest.json]
import fs from 'node:fs';

const file = process.argv[2] ?? new URL('./results/latest.json', import.meta.url).pathname;
const results = JSON.parse(fs.readFileSync(file, 'utf8'));

const ms = (value) =>
  value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
const format = (value, unit) =>
  value === undefined
    ? ''
    : unit === 'KB'
      ? `${value.toFixed(1)} KB`
      : unit === 'x'
        ? `${value.toFixed(2)}×`
        : ms(value);
const cell = (text) => String(text).replace(/\|/g, '\\|');

const lines = [
  '| benchmark | median | min | max | floor (median) | ratio | target | |',
  '|---|---:|---:|---:|---:|---:|---|---|',
];
for (const row of results.rows) {
  lines.push(
    `| ${row.title.startsWith(' ') ? '↳ ' : ''}${cell(row.title.trim())} | ${format(row.median, row.unit)} | ${format(row.min, row.unit)} | ${format(row.max, row.unit)} | ${row.floor ? ms(row.floor.median) : '—'} | ${row.ratio !== undefined ? `${row.ratio.toFixed(2)}×` : '—'} | ${cell(row.target)} | ${row.met === undefined ? '' : row.met ? 'met' : '**missed**'} |`,
  );
}
console.log(lines.join('\n'));
