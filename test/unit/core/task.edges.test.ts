/** Task files the autotuner's example does not show (src/core/task.ts): other indentations, forms and depths. */
import * as assert from 'node:assert/strict';
import { TaskApplyRefusal, readTaskFile, taskParametersEdit } from '../../../src/core/task';
import { applyTextEdits } from '../../../src/core/textEdit';

/** The task's text after a union of `grid` into it. */
function unionInto(text: string, grid: Record<string, (string | number | boolean)[]>): string {
  const edit = taskParametersEdit(text, grid, 'union');
  return applyTextEdits(text, [edit]);
}

describe('task files at their edges', () => {
  it('a 4-space task file gets a 4-space edit at the indentation of its parameters', () => {
    const text = '{\n    "task_name": "t",\n    "parameters": {\n        "a": [1]\n    }\n}';
    const edit = taskParametersEdit(text, { b: [2] }, 'replace');
    assert.deepEqual(edit, {
      offset: text.indexOf('{\n        "a"'),
      length: '{\n        "a": [1]\n    }'.length,
      newText: '{\n        "b": [2]\n    }',
    });
  });

  it('keeps only what a grid can hold from the other forms of a parameter', () => {
    const text = JSON.stringify({
      task_name: 't',
      parameters: {
        c: { type: 'choice', values: [1, {}] },
        x: { type: 'range', values: [1] },
        y: { type: 'choice' },
        z: 'fcfs',
      },
    }).replace('"c"', '"__proto__": [1], "c"');
    const task = readTaskFile(text);
    assert.deepEqual(Object.keys(task!.parameters), ['__proto__', 'c', 'x', 'y', 'z']);
    assert.deepEqual(task!.parameters.__proto__, [1], 'an own key, not the prototype');
    assert.deepEqual({ ...task!.parameters }, { ['__proto__']: [1], c: [1], x: [], y: [], z: ['fcfs'] });
  });

  it('is no task when it nests deeper than a preset may, or when task_name is not a string', () => {
    const deep = '['.repeat(70) + ']'.repeat(70);
    assert.equal(readTaskFile(`{"task_name": "t", "parameters": {"d": ${deep}}}`), undefined);
    assert.throws(() => taskParametersEdit(`{"task_name": "t", "parameters": {"d": ${deep}}}`, { a: [1] }, 'replace'));
    assert.equal(readTaskFile('{"task_name": 1, "parameters": {}}'), undefined);
    assert.equal(readTaskFile('{"task_name": "t", "parameters": []}'), undefined);
  });

  it('union lays new entries out as the parameters object is written: empty, on one line, or on several', () => {
    const task = (parameters: string) => `{"task_name": "t", "parameters": ${parameters}}`;
    // Empty: one entry a line, as an object with entries is written.
    assert.equal(unionInto(task('{}'), { b: [2] }), task('{\n  "b": [2]\n}'));
    // On one line, entries or only a comment: the new ones stay on that line, each after a space.
    assert.equal(unionInto(task('{"a": [1]}'), { b: [2], c: [3] }), task('{"a": [1], "b": [2], "c": [3]}'));
    assert.equal(unionInto(task('{ /* none */ }'), { b: [2] }), task('{ /* none */ "b": [2]}'));
    // On several lines with only a comment: every blank before the brace goes, the brace stays at its indent.
    assert.equal(
      unionInto('{\n  "task_name": "t",\n  "parameters": {\n    // none yet\n  \n  }\n}', { b: [2] }),
      '{\n  "task_name": "t",\n  "parameters": {\n    // none yet\n    "b": [2]\n  }\n}',
    );
  });

  it("union joins the values it adds to an empty list with commas, and keeps a list's other items as they are", () => {
    assert.equal(
      unionInto('{"task_name": "t", "parameters": {"a": [], "b": [{"x": 1}, 2]}}', { a: [1, 2], b: [2, 3] }),
      '{"task_name": "t", "parameters": {"a": [1, 2], "b": [{"x": 1}, 2, 3]}}',
    );
  });

  it('union names what an entry without a list holds: an object without "type" is an object', () => {
    assert.throws(
      () => unionInto('{"task_name": "t", "parameters": {"r": {"min": 1}}}', { r: [2] }),
      (error: unknown) =>
        error instanceof TaskApplyRefusal && /^parameters\.r is an object, not a list/.test(error.message),
    );
  });
});
