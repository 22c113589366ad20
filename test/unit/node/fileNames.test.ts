import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeFileName, fileSystemPath } from '../../../src/node/fileNames';

describe('file names that are not valid UTF-8', () => {
  it('keeps each undecodable byte as a lone surrogate, and valid UTF-8 as it is', () => {
    assert.equal(decodeFileName(Buffer.from([0x63, 0x61, 0x66, 0xe9])), 'caf\udce9');
    assert.equal(decodeFileName(Buffer.from('café 漢 🚀')), 'café 漢 🚀');
    assert.equal(fileSystemPath('plain'), 'plain');
  });

  it('property: any bytes decode to a string that turns back into the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const back = fileSystemPath(decodeFileName(bytes));
        assert.deepEqual(Buffer.from(typeof back === 'string' ? Buffer.from(back) : back), Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
