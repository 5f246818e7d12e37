import { EntityFieldKind as K } from '../entities/entity-field.entity.js';
import { checkValue, compareDecimals, decimalOf } from './field-values.js';

describe('field values', () => {
  it('compares decimals exactly, beyond float precision', () => {
    expect(compareDecimals('0.30000000000000000001', '0.3')).toBe(1);
    expect(compareDecimals('-0.5', '0')).toBe(-1);
    expect(compareDecimals('12.50', '12.5')).toBe(0);
    expect(compareDecimals('99999999999999999999', decimalOf(1e20))).toBe(-1);
    expect(decimalOf(1e21)).toBe('1000000000000000000000');
  });

  it('bounds decimals and currency amounts by value, texts by length', () => {
    expect(checkValue({ kind: K.DECIMAL, max: 10 }, '10.0000000000000000001')).toEqual({ ok: false, message: 'must be at most 10' });
    expect(checkValue({ kind: K.CURRENCY, min: 0 }, { amountMinor: -1, currency: 'EUR' })).toEqual({ ok: false, message: 'must be at least 0' });
    expect(checkValue({ kind: K.TEXT, max: 3 }, 'añoø')).toEqual({ ok: false, message: 'must be at most 3 characters' });
    expect(checkValue({ kind: K.TEXT, max: 4 }, '😀😀😀😀').ok).toBe(true);
  });

  it('checks calendar dates and stores datetimes in UTC', () => {
    expect(checkValue({ kind: K.DATE }, '2024-02-29').ok).toBe(true);
    expect(checkValue({ kind: K.DATE }, '2023-02-29').ok).toBe(false);
    expect(checkValue({ kind: K.DATETIME }, '2026-03-01T00:30:00+02:00')).toEqual({ ok: true, value: '2026-02-28T22:30:00.000Z' });
    expect(checkValue({ kind: K.DATETIME }, '2026-02-30T00:00:00Z').ok).toBe(false);
    expect(checkValue({ kind: K.DATETIME }, '2026-02-01T00:00:00').ok).toBe(false);
  });

  it('normalises phones and refuses floats where money or decimals are meant', () => {
    expect(checkValue({ kind: K.PHONE }, '+1 (415) 555-0100')).toEqual({ ok: true, value: '+14155550100' });
    expect(checkValue({ kind: K.DECIMAL }, 1.5).ok).toBe(false);
    expect(checkValue({ kind: K.CURRENCY }, { amountMinor: 100, currency: 'EUR', note: 'x' }).ok).toBe(false);
    expect(checkValue({ kind: K.CURRENCY }, { amountMinor: 100, currency: 'ZZZ' }).ok).toBe(false);
  });
});
