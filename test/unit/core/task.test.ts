import * as assert from 'node:assert/strict';
import { readTaskFile, taskParametersEdit, type TextEdit } from '../../../src/core/task';

/** The text after one edit, as VS Code applies it. */
function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
}
import { readFixture } from '../helpers/presets';

const example = readFixture('autotuner-example-task.json');

/** The example task with comments and a trailing comma added outside `parameters`. */
const commented = example
  .replace('{\n  "task_name"', '// tuned nightly\n{\n  "task_name"')
  .replace('"deployment_mode": "docker",', '"deployment_mode": "docker", /* or "ome" */')
  .replace('"temperature": 0.0\n', '"temperature": 0.0, // greedy\n');

/** Asserts that `after` equals `before` except for the `parameters` value, and returns both versions of it. */
function splitAroundParameters(before: string, after: string): { old: string; new: string } {
  const start = before.indexOf('"parameters": ') + '"parameters": '.length;
  const end = before.indexOf('}', start) + 1;
  const tail = before.slice(end);
  assert.equal(after.slice(0, start), before.slice(0, start), 'text before parameters unchanged');
  assert.ok(after.endsWith(tail), 'text after parameters unchanged');
  return { old: before.slice(start, end), new: after.slice(start, after.length - tail.length) };
}

describe('task files', () => {
  describe('readTaskFile', () => {
    it("reads the autotuner's example task", () => {
      assert.deepEqual(readTaskFile(example), {
        taskName: 'docker-simple-tune',
        parameters: { 'tp-size': [1], 'mem-fraction-static': [0.7, 0.8] },
      });
    });

    it('reads a task with comments and trailing commas', () => {
      assert.ok(commented.includes('// greedy'));
      assert.deepEqual(readTaskFile(commented), readTaskFile(example));
    });

    it('keeps what a grid can hold: a bare value becomes a list, non-scalars are left out', () => {
      const task = readTaskFile(
        '{"task_name": "t", "parameters": {"a": 3, "b": [1, {"x": 1}, [2], "s"], "__proto__": [true]}}',
      );
      assert.deepEqual(
        JSON.parse(JSON.stringify(task)),
        JSON.parse('{"taskName": "t", "parameters": {"a": [3], "b": [1, "s"], "__proto__": [true]}}'),
      );
      assert.ok(Object.prototype.hasOwnProperty.call(task!.parameters, '__proto__'));
    });

    it('is undefined for anything that is not a task', () => {
      for (const text of [
        '',
        '[]',
        '{"name": "A preset", "parameters": {"a": [1]}}',
        '{"task_name": 5, "parameters": {}}',
        '{"task_name": "t", "parameters": [1]}',
        '{"task_name": "t"}',
        '{"task_name": "t", "parameters": {"a": [1]',
        '{"task_name": "t", "parameters": ' + '['.repeat(100_000),
      ]) {
        assert.equal(readTaskFile(text), undefined, text.slice(0, 60));
      }
    });
  });

  describe('taskParametersEdit', () => {
    it('replace: writes the grid as the new parameters and leaves every other byte alone', () => {
      const grid = { 'tp-size': [2, 4], 'schedule-policy': ['fcfs', 'lpm'], 'enable-mixed-chunking': [true] };
      const after = applyEdit(commented, taskParametersEdit(commented, grid, 'replace'));
      const parts = splitAroundParameters(commented, after);
      assert.equal(
        parts.new,
        '{\n    "tp-size": [2, 4],\n    "schedule-policy": ["fcfs", "lpm"],\n    "enable-mixed-chunking": [true]\n  }',
      );
      assert.deepEqual(readTaskFile(after)?.parameters, grid);
      for (const comment of ['// tuned nightly', '/* or "ome" */', '// greedy'])
        assert.ok(after.includes(comment), comment);
    });

    it("union: the task's values first, then the new ones, each once", () => {
      const edit = taskParametersEdit(
        example,
        { 'mem-fraction-static': [0.8, 0.9], 'chunked-prefill-size': [4096] },
        'union',
      );
      const after = applyEdit(example, edit);
      splitAroundParameters(example, after);
      assert.deepEqual(readTaskFile(after)?.parameters, {
        'tp-size': [1],
        'mem-fraction-static': [0.7, 0.8, 0.9],
        'chunked-prefill-size': [4096],
      });
      assert.deepEqual(JSON.parse(after).benchmark, JSON.parse(example).benchmark);
    });

    it("union keeps the task's own values in the older choice form, and that form", () => {
      const older = example.replace(
        '"mem-fraction-static": [0.7, 0.8]',
        '"mem-fraction-static": {"type": "choice", "values": [0.7, 0.8]}',
      );
      assert.notEqual(older, example);
      assert.deepEqual(readTaskFile(older)?.parameters, readTaskFile(example)?.parameters);
      const after = applyEdit(
        older,
        taskParametersEdit(older, { 'mem-fraction-static': [0.9], 'chunked-prefill-size': [4096] }, 'union'),
      );
      assert.deepEqual(JSON.parse(after).parameters, {
        'tp-size': [1],
        'mem-fraction-static': { type: 'choice', values: [0.7, 0.8, 0.9] },
        'chunked-prefill-size': [4096],
      });
      // Untouched by the grid, a choice-form parameter keeps its values too (the autotuner runs them all).
      const kept = applyEdit(older, taskParametersEdit(older, { 'tp-size': [2] }, 'union'));
      assert.deepEqual(JSON.parse(kept).parameters['mem-fraction-static'], { type: 'choice', values: [0.7, 0.8] });
    });

    it('edits only the parameters span', () => {
      const edit = taskParametersEdit(example, { a: [1] }, 'replace');
      const start = example.indexOf('"parameters": ') + '"parameters": '.length;
      assert.equal(edit.offset, start);
      assert.equal(
        example.slice(edit.offset, edit.offset + edit.length),
        '{\n    "tp-size": [1],\n    "mem-fraction-static": [0.7, 0.8]\n  }',
      );
    });

    it("matches the file's tabs and CRLF line endings", () => {
      const text = '{\r\n\t"task_name": "t", // keep\r\n\t"parameters": {"a": [1]},\r\n\t"other": true\r\n}\r\n';
      const after = applyEdit(text, taskParametersEdit(text, { b: [2, 3] }, 'replace'));
      assert.equal(
        after,
        '{\r\n\t"task_name": "t", // keep\r\n\t"parameters": {\r\n\t\t"b": [2, 3]\r\n\t},\r\n\t"other": true\r\n}\r\n',
      );
    });

    it('throws on a file that is not a task', () => {
      assert.throws(
        () => taskParametersEdit('{"name": "A", "parameters": {"a": [1]}}', { a: [1] }, 'replace'),
        /not an autotuner task file/,
      );
      assert.throws(
        () => taskParametersEdit('{"task_name": "t", "parameters": {', { a: [1] }, 'union'),
        /not an autotuner task file/,
      );
    });
  });
});
