/** Remembered answers are the computed ones, computed once while they fit, and memory stays bounded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remembered } from '../../src/parse/memo.js';

test('a remembered function computes each text once, and forgets when full rather than growing', () => {
  const computed: string[] = [];
  const upper = remembered((s: string) => {
    computed.push(s);
    return s.toUpperCase();
  }, 3);
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.deepEqual(computed, ['a', 'b']);
  upper('c');
  upper('d'); // the fourth text empties the memory before it is kept
  assert.equal(upper('a'), 'A');
  assert.deepEqual(computed, ['a', 'b', 'c', 'd', 'a']);
  assert.equal(upper('d'), 'D');
  assert.deepEqual(computed, ['a', 'b', 'c', 'd', 'a']);
});
