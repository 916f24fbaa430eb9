// `npm run bench:readme`: README's benchmark figures rewritten from bench/results/latest.json, between the bench markers.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './children.js';
import { markdownReport } from './report.js';
import { readResults } from './results.js';

const README = path.join(ROOT, 'README.md');
const BEGIN = '<!-- bench:begin (written by npm run bench:readme from bench/results/latest.json) -->';
const END = '<!-- bench:end -->';

const text = readFileSync(README, 'utf8');
const at = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (at < 0 || end < at) throw new Error(`README.md has no benchmark markers: put ${BEGIN} and ${END} where the figures go`);
writeFileSync(README, `${text.slice(0, at + BEGIN.length)}\n${markdownReport(readResults())}\n${text.slice(end)}`);
console.log('README.md: benchmark figures rewritten from bench/results/latest.json');
