import * as assert from 'node:assert/strict';
import { TaskApplyRefusal, readTaskFile, taskAfterEdit, taskParametersEdit } from '../../../src/core/task';
import { applyTextEdits, type TextEdit } from '../../../src/core/textEdit';

/** The text after one edit, as VS Code applies it. */
function applyEdit(text: string, edit: TextEdit): string {
  return applyTextEdits(text, [edit]);
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
        tokens: { 'tp-size': ['1'], 'mem-fraction-static': ['0.7', '0.8'] },
      });
    });

    it("keeps each number's text beside the lists, in every form, for the values it keeps", () => {
      const task = readTaskFile(
        '{"task_name": "t", "parameters": {"a": [2.0, "x", {"n": 1}, 1e3], "b": 4.50, ' +
          '"c": {"type": "choice", "values": [true, 3E0]}, "a": [7.0, null]}}',
      );
      // "a" is written twice: the last list counts, at the first one's place, as for the values.
      assert.deepEqual(task?.parameters, { a: [7, null], b: [4.5], c: [true, 3] });
      assert.deepEqual(task?.tokens, { a: ['7.0', undefined], b: ['4.50'], c: [undefined, '3E0'] });
      assert.deepEqual(Object.keys(task!.tokens), ['a', 'b', 'c']);
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
        JSON.parse(
          '{"taskName": "t", "parameters": {"a": [3], "b": [1, "s"], "__proto__": [true]}, ' +
            '"tokens": {"a": ["3"], "b": ["1", null], "__proto__": [null]}}',
        ),
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

    it('union adds a value the grid repeats once', () => {
      const task = '{"task_name": "t", "parameters": {"seed": [1]}}';
      assert.equal(
        applyEdit(task, taskParametersEdit(task, { seed: [5, 5, 1] }, 'union')),
        '{"task_name": "t", "parameters": {"seed": [1, 5]}}',
      );
    });

    it('union tells integers beyond 2^53 apart by their text, which one double cannot', () => {
      const task = '{"task_name": "t", "parameters": {"seed": [10000000000000003, 7]}}';
      const union = (tokens?: Record<string, string[]>) =>
        applyEdit(task, taskParametersEdit(task, { seed: [10000000000000004, 7] }, 'union', tokens));
      assert.equal(
        union({ seed: ['10000000000000004', '7'] }),
        '{"task_name": "t", "parameters": {"seed": [10000000000000003, 7, 10000000000000004]}}',
      );
      const same = '{"task_name": "t", "parameters": {"seed": [10000000000000004]}}';
      assert.equal(
        applyEdit(
          same,
          taskParametersEdit(same, { seed: [10000000000000004] }, 'union', { seed: ['10000000000000004'] }),
        ),
        same,
        'the same integer is not added twice',
      );
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

    it("union writes the task's own values as its text writes them, and adds only what they lack", () => {
      const text = '{"task_name":"t","parameters":{"tp-size":[1.0, 12345678901234567891, {"x":1}, 1e400]}}';
      assert.equal(
        taskParametersEdit(text, { 'tp-size': [2] }, 'union').newText,
        '{"tp-size":[1.0, 12345678901234567891, {"x":1}, 1e400, 2]}',
      );
      const task =
        '{"task_name":"t","parameters":{"random-seed":[10000000000000003],"mem-fraction-static":[1.0,0.50]}}';
      const grid = { 'tp-size': [1, 2], 'mem-fraction-static': [0.85, 0.5, 1], 'random-seed': [7] };
      assert.equal(
        taskParametersEdit(task, grid, 'union').newText,
        '{"random-seed":[10000000000000003, 7],"mem-fraction-static":[1.0,0.50, 0.85], "tp-size": [1, 2]}',
      );
      // Nothing to add: the entry stays as written, and so does an empty list given its first values.
      const empty = '{"task_name":"t","parameters":{"a":[ 1.0 ],"b":[ ]}}';
      assert.equal(taskParametersEdit(empty, { a: [1], b: [true] }, 'union').newText, '{"a":[ 1.0 ],"b":[true ]}');
    });

    it("writes the grid's numbers as its presets wrote them, where the tokens know it", () => {
      const text = '{"task_name":"t","parameters":{"a":[0.7],"b":[1]}}';
      const grid = { a: [0.5, 4, 1], c: [2, 3] };
      // A token that does not read as its value, or is no JSON number, is not written.
      const tokens = { a: ['0.50', '4.0', '2.0'], c: [undefined, '0x3'] };
      assert.equal(
        taskParametersEdit(text, grid, 'replace', tokens).newText,
        '{\n  "a": [0.50, 4.0, 1],\n  "c": [2, 3]\n}',
      );
      assert.equal(
        taskParametersEdit(text, grid, 'union', tokens).newText,
        '{"a":[0.7, 0.50, 4.0, 1],"b":[1], "c": [2, 3]}',
      );
      assert.equal(
        taskParametersEdit(text, { c: [4] }, 'union', { c: ['4.0'] }).newText,
        '{"a":[0.7],"b":[1], "c": [4.0]}',
      );
    });

    it('union keeps every entry the grid does not touch byte for byte, whatever its form', () => {
      const text =
        '{"task_name":"t","parameters":{"r":{"type":"range","min":1,"max":4},"nested":[[1,2]],"bare":3,"x":[1.0]}}';
      assert.equal(
        taskParametersEdit(text, { x: [2], y: [0.5] }, 'union').newText,
        '{"r":{"type":"range","min":1,"max":4},"nested":[[1,2]],"bare":3,"x":[1.0, 2], "y": [0.5]}',
      );
      // A list keeps what it holds, lists and objects too; the grid's values come after.
      assert.equal(
        taskParametersEdit(text, { nested: [3] }, 'union').newText,
        '{"r":{"type":"range","min":1,"max":4},"nested":[[1,2], 3],"bare":3,"x":[1.0]}',
      );
    });

    it('union keeps the comments and layout between the entries of parameters', () => {
      const text = [
        '{',
        '  "task_name": "t",',
        '  "parameters": {',
        '    // tried on the 8-GPU node',
        '    "tp-size": [1, 2], // the trailing comment',
        '    /* between */',
        '    "schedule-policy": {"type": "choice", "values": ["lpm"]} // choice',
        '    // last',
        '  }',
        '}',
      ].join('\n');
      const after = applyEdit(
        text,
        taskParametersEdit(text, { 'tp-size': [4], 'max-running-requests': [64] }, 'union'),
      );
      assert.equal(
        after,
        [
          '{',
          '  "task_name": "t",',
          '  "parameters": {',
          '    // tried on the 8-GPU node',
          '    "tp-size": [1, 2, 4], // the trailing comment',
          '    /* between */',
          '    "schedule-policy": {"type": "choice", "values": ["lpm"]}, // choice',
          '    // last',
          '    "max-running-requests": [64]',
          '  }',
          '}',
        ].join('\n'),
      );
      // A trailing comma is kept, not doubled; an object holding only a comment keeps it.
      const trailing = '{"task_name":"t","parameters":{\n  "a": [1], // c\n}}';
      assert.equal(
        applyEdit(trailing, taskParametersEdit(trailing, { b: [2] }, 'union')),
        '{"task_name":"t","parameters":{\n  "a": [1], // c\n  "b": [2]\n}}',
      );
      const onlyComment = '{"task_name":"t","parameters":{\n  // none yet\n}}';
      assert.equal(
        applyEdit(onlyComment, taskParametersEdit(onlyComment, { b: [2] }, 'union')),
        '{"task_name":"t","parameters":{\n  // none yet\n  "b": [2]\n}}',
      );
    });

    it('union refuses to add to an entry that holds no list, naming the field', () => {
      const text = '{"task_name":"t","parameters":{"r":{"type":"range","min":1,"max":4},"bare":3}}';
      assert.throws(
        () => taskParametersEdit(text, { r: [2] }, 'union'),
        (error: unknown) =>
          error instanceof TaskApplyRefusal &&
          error.name === 'TaskApplyRefusal' &&
          error.message ===
            'parameters.r is an object of "type": "range", not a list of values, so the merge\'s values cannot be added to it; apply in replace mode, or make it a list first',
      );
      assert.throws(
        () => taskParametersEdit(text, { bare: [4] }, 'union'),
        (error: unknown) =>
          error instanceof TaskApplyRefusal && /^parameters\.bare is a number, not a list/.test(error.message),
      );
      // Replace means replacing: the entries go, as asked.
      assert.equal(taskParametersEdit(text, { r: [2] }, 'replace').newText, '{\n  "r": [2]\n}');
    });

    it('refuses a "parameters" written twice, in both modes: the autotuner reads the last', () => {
      const text = '{"task_name":"t","parameters":{"a":[1]},"parameters":{"b":[2]}}';
      for (const mode of ['replace', 'union'] as const)
        assert.throws(
          () => taskParametersEdit(text, { c: [3] }, mode),
          (error: unknown) =>
            error instanceof TaskApplyRefusal &&
            error.message ===
              '"parameters" appears twice (the autotuner reads only the last); remove one of them and apply again',
        );
    });

    it('union refuses to add to a parameter written twice, and keeps one it does not touch as it is', () => {
      const text = '{"task_name":"t","parameters":{"a":[1],"b":[5],"a":[2]}}';
      assert.throws(
        () => taskParametersEdit(text, { a: [3] }, 'union'),
        (error: unknown) => error instanceof TaskApplyRefusal && error.message.startsWith('parameters.a appears twice'),
      );
      const choice = '{"task_name":"t","parameters":{"a":{"type":"choice","values":[1],"values":[2]}}}';
      assert.throws(
        () => taskParametersEdit(choice, { a: [3] }, 'union'),
        (error: unknown) =>
          error instanceof TaskApplyRefusal && error.message.startsWith('parameters.a.values appears twice'),
      );
      assert.equal(taskParametersEdit(text, { b: [6] }, 'union').newText, '{"a":[1],"b":[5, 6],"a":[2]}');
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

  describe('taskAfterEdit', () => {
    const text = '{"task_name": "t", "parameters": {"a": [1], "c": {"type": "choice", "values": ["x"]}}}';

    it("gives the text Apply writes and the grid it holds: in union mode, the task's own values too", () => {
      const union = taskAfterEdit(text, taskParametersEdit(text, { a: [2], b: [true] }, 'union'));
      assert.equal(
        union.text,
        '{"task_name": "t", "parameters": {"a": [1, 2], "c": {"type": "choice", "values": ["x"]}, "b": [true]}}',
      );
      assert.deepEqual(union.parameters, { a: [1, 2], c: ['x'], b: [true] });
      assert.deepEqual(union.tokens, { a: ['1', '2'], c: [undefined], b: [undefined] });
      const replace = taskAfterEdit(text, taskParametersEdit(text, { a: [2], b: [true] }, 'replace'));
      assert.deepEqual(replace.parameters, { a: [2], b: [true] });
    });

    it('gives an empty grid when the edit leaves no task', () => {
      assert.deepEqual(taskAfterEdit(text, { offset: 0, length: text.length, newText: '[]' }), {
        text: '[]',
        parameters: {},
        tokens: {},
      });
    });
  });
});
