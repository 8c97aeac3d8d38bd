/** Pure parts of the surveys module: quota cells from population figures, and the workbook rows of both templates. */
import { describe, expect, it } from 'vitest';
import { definitionFromRows, definitionRows } from './questionnaire-workbook';
import { computeQuotas } from './save-wave';
import { loadTemplates } from './templates';

const Q_HEADERS = [
  '部分编码',
  '部分标题',
  '题目编码',
  '题型',
  '题目',
  '必答',
  '计入指标',
  '正确答案',
  '多选',
  '显示条件',
  '最小值',
  '最大值',
  '量表',
  '说明',
];
const C_HEADERS = ['题目编码', '选项编码', '选项文字', '计入', '有效'];
const S_HEADERS = ['项目', '内容'];
const rows = (headers: string[], data: unknown[][]) =>
  data.map((r, i) => ({ row: i + 4, values: Object.fromEntries(headers.map((h, j) => [h, r[j] === undefined ? '' : String(r[j])])) }));

describe('computeQuotas', () => {
  it('splits the target by largest remainder, then each cell evenly by gender (a tie to 男)', () => {
    const pop = [
      { townId: 'a', groupCode: 'citizen', population: 300 },
      { townId: 'a', groupCode: 'merchant', population: 100 },
      { townId: 'b', groupCode: 'citizen', population: 200 },
    ];
    expect(computeQuotas(20, pop, false).map((c) => c.target)).toEqual([10, 3, 7]);
    expect(computeQuotas(7, pop, true).map((c) => `${c.gender}${c.target}`)).toEqual([
      'male2',
      'female2',
      'male1',
      'female0',
      'male1',
      'female1',
    ]);
  });
});

describe('questionnaire workbook rows', () => {
  it.each(loadTemplates().map((t) => [t.code, t] as const))('%s: rows → definition is lossless', (_code, t) => {
    const { questions, choices, settings } = definitionRows(t.definition);
    expect(definitionFromRows(rows(Q_HEADERS, questions), rows(C_HEADERS, choices), rows(S_HEADERS, settings))).toEqual(t.definition);
  });

  it('a skip condition that is not Q=A,B is a row error naming the sheet and column', () => {
    const { questions, choices, settings } = definitionRows(loadTemplates()[0].definition);
    questions[1][9] = 'Q1 A';
    expect(() => definitionFromRows(rows(Q_HEADERS, questions), rows(C_HEADERS, choices), rows(S_HEADERS, settings))).toThrow(
      expect.objectContaining({ code: 'import_invalid', extra: { rows: [expect.objectContaining({ row: 5, column: '题目!显示条件' })] } }),
    );
  });
});
