/** 统一社会信用代码 (GB 32100) check, the ledger's sums and the yuan text. */
import { describe, expect, it } from 'vitest';
import { formatYuan, isValidUscc, ledgerSums, usccCheckChar, yuanToFen } from './charity';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts published codes and computes their check character', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      expect(isValidUscc(code), code).toBe(true);
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true);
  });

  it('refuses a wrong check character, any changed character, a wrong length and letters the code never uses', () => {
    const good = '91350100M000100Y43';
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    // Changing any one of the first 17 characters changes the check (weights are 3^i mod 31, all non-zero).
    for (let i = 0; i < 17; i++) {
      const c = good[i] === '1' ? '2' : '1';
      const changed = good.slice(0, i) + c + good.slice(i + 1);
      if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(changed)) expect(isValidUscc(changed), changed).toBe(false);
    }
    expect(isValidUscc(good.slice(0, 17))).toBe(false);
    expect(isValidUscc(`${good}0`)).toBe(false);
    expect(isValidUscc('9135010OM000100Y43')).toBe(false);
    expect(isValidUscc('91350100I000100Y43')).toBe(false);
    expect(usccCheckChar('9135010')).toBeNull();
  });
});

describe('ledger sums', () => {
  it('counts donations and spending, skips superseded entries and counts their corrections', () => {
    expect(ledgerSums([])).toEqual({ raisedFen: 0, spentFen: 0, balanceFen: 0 });
    expect(
      ledgerSums([
        { kind: 'donation', amountFen: 1_000_000, isSuperseded: false },
        { kind: 'donation', amountFen: 500_000, isSuperseded: true },
        { kind: 'donation', amountFen: 50_000, isSuperseded: false },
        { kind: 'spending', amountFen: 300_000, isSuperseded: false },
        { kind: 'spending', amountFen: 999, isSuperseded: true },
        { kind: 'spending', amountFen: 0, isSuperseded: false },
      ]),
    ).toEqual({ raisedFen: 1_050_000, spentFen: 300_000, balanceFen: 750_000 });
    expect(ledgerSums([{ kind: 'spending', amountFen: 100, isSuperseded: false }]).balanceFen).toBe(-100);
  });

  it('writes and reads yuan', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-100)).toBe('-1.00');
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('12.345')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });
});
