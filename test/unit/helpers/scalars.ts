import fc from 'fast-check';
import type { Scalar } from '../../../src/core/model';

/** Values of every kind, lone surrogates and NaN-free doubles included: for properties over any scalar. */
export const anyScalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom<Scalar>(
    0,
    -0,
    1,
    1.0,
    2,
    0.5,
    true,
    false,
    null,
    '1',
    'true',
    'null',
    '',
    'fcfs',
    '"',
    '\\',
    '\u0001',
    '\ud83d',
    '\ud83d\ude00',
    '\u2028',
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4, unit: 'binary' }),
);
