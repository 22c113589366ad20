/** Task files the autotuner's example does not show (src/core/task.ts): other indentations, forms and depths. */
import * as assert from 'node:assert/strict';
import { readTaskFile, taskParametersEdit } from '../../../src/core/task';

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
});
