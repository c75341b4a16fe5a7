/**
 * Every rule has its page, and each page shows what the checker says today: the pages are written
 * from the rules and their examples (scripts/rule-docs.ts), whose failing example must fail and
 * passing example pass. A rule whose message or behaviour changes without its page fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/check/index.js';
import { rulePages } from '../../scripts/rule-docs.js';

const dir = join(import.meta.dirname, '..', '..', 'docs', 'rules');

test('docs/rules has one page per rule, each as scripts/rule-docs.ts writes it today', () => {
  const pages = rulePages();
  const onDisk = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  assert.deepEqual(onDisk, [...pages.keys()].sort(), 'run: npx tsx scripts/rule-docs.ts');
  for (const rule of RULES) assert.ok(pages.has(`${rule.meta.id}.md`), rule.meta.id);
  for (const [name, text] of pages) assert.equal(readFileSync(join(dir, name), 'utf8'), text, `${name} is out of date: run npx tsx scripts/rule-docs.ts`);
  for (const rule of RULES) {
    const page = pages.get(`${rule.meta.id}.md`)!;
    for (const heading of ['## 检查什么', '## 为什么', '## 不通过的例子', '## 通过的例子', '## 如何修改']) assert.ok(page.includes(heading), `${rule.meta.id}: ${heading}`);
    assert.ok(page.includes(`  ${rule.meta.id}  `), `${rule.meta.id}: the failing example shows the rule's finding`);
  }
});
