import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  displayWidth,
  escapeTerminalLines,
  escapeTerminalMessage,
  escapeTerminalOutput,
  escapeTerminalText,
  terminalText,
} from '../../../src/core/terminalText';

/** What a terminal acts on or hides: controls, format characters (bidi, zero-width), separators, surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Reads escapeTerminalText's output back: proof that no two inputs print the same. */
function unescape(text: string): string {
  return text.replace(/\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})/g, (_, astral: string, bmp: string) =>
    String.fromCodePoint(parseInt(astral ?? bmp, 16)),
  );
}

// Strings rich in what matters: controls, bidi, zero-width, backslashes before "u", lone surrogates, emoji.
const nasty = fc.constantFrom(
  '\x1b',
  '\x1b]52;c;aGk=\x07',
  '\x9b',
  '\x7f',
  '\n',
  '\r',
  '\t',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028',
  '\ud800',
  '\udfff',
  '\u{e0041}',
  '\\',
  '\\u',
  '\\u001b',
  'u',
  '{',
  '0',
  'é',
  '漢',
  '👍',
);
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')),
);

describe('terminal text', () => {
  it('escapes controls, bidi and zero-width characters visibly', () => {
    assert.equal(escapeTerminalText('a\x1b[2Jb'), 'a\\u001b[2Jb');
    assert.equal(escapeTerminalText('x\ny'), 'x\\u000ay');
    assert.equal(escapeTerminalText('\u202egnp.exe'), '\\u202egnp.exe');
    assert.equal(escapeTerminalText('a\u200bb'), 'a\\u200bb');
    assert.equal(escapeTerminalText('\x9b31m'), '\\u009b31m');
    assert.equal(escapeTerminalText('tag\u{e0041}'), 'tag\\u{e0041}');
    assert.equal(escapeTerminalText('\ud800'), '\\ud800');
  });

  it('leaves ordinary text alone, Windows paths and non-Latin scripts included', () => {
    for (const text of ['Llama 70B', 'presets\\fast.preset.json', '高吞吐', 'naïve', '👍🏽', 'a "quoted" name'])
      assert.equal(escapeTerminalText(text), text);
  });

  it('keeps the line breaks of a message of several lines and escapes each line', () => {
    assert.equal(escapeTerminalLines('one.\nTwo\x1b[2J.\r\nthree'), 'one.\nTwo\\u001b[2J.\nthree');
    assert.equal(escapeTerminalLines('one line'), 'one line');
  });

  it('escapes a backslash before "u", so an escape in the input cannot pass for one in the output', () => {
    assert.equal(escapeTerminalText('\\u001b'), '\\u005cu001b');
    assert.notEqual(escapeTerminalText('\\u001b'), escapeTerminalText('\x1b'));
  });

  it('property: the result holds no unsafe character and reads back to the input', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const escaped = escapeTerminalText(text);
        assert.ok(!UNSAFE.test(escaped), JSON.stringify(escaped));
        assert.equal(unescape(escaped), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes a message whose values JSON quoted once: "No\\u001b[2Jpe", not "No\\u005cu001b[2Jpe"', () => {
    const message = `no preset named ${JSON.stringify('No\x1b[2Jpe')}`;
    assert.equal(escapeTerminalMessage(message), 'no preset named "No\\u001b[2Jpe"');
    // What JSON.stringify leaves as it is (bidi, C1, line separators), and a newline outside the quotes.
    assert.equal(escapeTerminalMessage('"x\u202ey\x9b\u2028" in a\nb'), '"x\\u202ey\\u009b\\u2028" in a\\u000ab');
    assert.equal(escapeTerminalMessage('C:\\users\\a.preset.json: fine'), 'C:\\users\\a.preset.json: fine');
  });

  it('property: a message of JSON-quoted values holds no unsafe character, and two values never print the same', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const [shownA, shownB] = [a, b].map((text) => escapeTerminalMessage(`name ${JSON.stringify(text)}`));
        assert.ok(!UNSAFE.test(shownA!), JSON.stringify(shownA));
        if (a !== b) assert.notEqual(shownA, shownB);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: two different strings never print the same', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        fc.pre(a !== b);
        assert.notEqual(escapeTerminalText(a), escapeTerminalText(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the output net keeps newlines and removes every other unsafe character', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const escaped = escapeTerminalOutput(text);
        assert.ok(!UNSAFE.test(escaped.replace(/\n/g, '')));
        assert.equal(escaped.split('\n').length, text.split('\n').length);
      }),
      { numRuns: 1000 },
    );
  });

  it('the output net keeps JSON meaning the same', () => {
    const value = { name: 'a\u202eb\x1b\u2028c\ud800', path: 'x\\u' };
    assert.deepEqual(JSON.parse(escapeTerminalOutput(JSON.stringify(value))), value);
  });

  it('the template tag escapes the values, not the text around them', () => {
    assert.equal(terminalText`line\n"${'a\nb'}"`, 'line\n"a\\u000ab"');
  });

  it('measures display width in terminal cells', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('高吞吐'), 6);
    assert.equal(displayWidth('👍'), 2);
    assert.equal(displayWidth('👨‍👩‍👧'), 2);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('a\u200bb'), 2);
    assert.equal(displayWidth('ｆｕｌｌ'), 8);
    assert.equal(displayWidth(''), 0);
  });
  it('gives controls no cell and NBSP one; a text-style symbol is wide only with the emoji selector', () => {
    assert.equal(displayWidth('\x01'), 0);
    assert.equal(displayWidth('a\x7fb'), 2, 'DEL');
    assert.equal(displayWidth('\x9f'), 0, 'a C1 control');
    assert.equal(displayWidth('\xa0'), 1, 'no-break space, the first character after the C1 controls');
    assert.equal(displayWidth('\u00ad'), 0, 'soft hyphen, a format character');
    assert.equal(displayWidth('\u0301'), 0, 'a combining mark alone');
    assert.equal(displayWidth('漢\u0301'), 2, 'a wide character with a mark');
    assert.equal(displayWidth('\u263a'), 1);
    assert.equal(displayWidth('\u263a\ufe0f'), 2);
    assert.equal(displayWidth('\u{1F3FD}'), 2, 'an emoji presentation character alone');
    assert.equal(displayWidth('\u3000'), 2, 'ideographic space');
    assert.equal(displayWidth('ab\tc'), 3, 'a tab (escape it first) takes no cell');
    assert.equal(displayWidth('a é'), 3, 'a space among other characters is a cell');
  });

  it('the output net escapes DEL, tag characters and separators, and leaves an escape-like text alone', () => {
    assert.equal(
      escapeTerminalOutput('a\\u001b\n\x1b\x7f\u{e0001}\u2029'),
      'a\\u001b\n\\u001b\\u007f\\u{e0001}\\u2029',
    );
    assert.equal(escapeTerminalOutput('plain\nlines\n'), 'plain\nlines\n');
  });
});
