/**
 * The questionnaire model's pure functions: Wilson against hand-computed bounds, Kish's effective size, quota
 * allocation by largest remainder, eligibility, skip logic, answer checks, scoring into rate items, and the definition
 * checks.
 */
import { describe, expect, it } from 'vitest';
import {
  allocateQuotas,
  effectiveSize,
  isEligible,
  isShown,
  questionnaireDefinition,
  SCALE_PRESETS,
  scoreAnswers,
  validateAnswers,
  validateDefinition,
  wilson,
  type QuestionnaireDefinitionInput,
} from './surveys';

const def = (input: Partial<QuestionnaireDefinitionInput> & Pick<QuestionnaireDefinitionInput, 'sections'>) =>
  questionnaireDefinition.parse({ title: '测试问卷', ...input });

const SAMPLE = def({
  sections: [
    {
      code: 'S1',
      title: '知晓与满意',
      questions: [
        {
          code: 'K1',
          type: 'knowledge',
          text: '全国文明城市测评每几年一个周期？',
          rate: 'awareness',
          choices: [
            { code: 'A', label: '三年' },
            { code: 'B', label: '五年' },
          ],
          correct: ['A'],
        },
        {
          code: 'K2',
          type: 'knowledge',
          multi: true,
          text: '社会主义核心价值观中个人层面的是？',
          rate: 'awareness',
          choices: [
            { code: 'A', label: '爱国' },
            { code: 'B', label: '敬业' },
            { code: 'C', label: '富强' },
          ],
          correct: ['A', 'B'],
        },
        {
          code: 'P1',
          type: 'single',
          text: '您参加过志愿服务吗？',
          choices: [
            { code: 'A', label: '参加过', counts: true },
            { code: 'B', label: '没有' },
          ],
          rate: 'participation',
        },
        {
          code: 'P2',
          type: 'multiple',
          text: '您参加过哪些志愿服务？',
          showIf: { question: 'P1', anyOf: ['A'] },
          choices: [
            { code: 'A', label: '文明交通' },
            { code: 'B', label: '环境清洁' },
          ],
        },
        {
          code: 'S1',
          type: 'scale',
          text: '您对城市环境卫生是否满意？',
          rate: 'satisfaction',
          choices: [...SCALE_PRESETS.satisfaction.choices],
        },
        { code: 'N1', type: 'number', text: '您家有几口人？', min: 1, max: 20, required: false },
      ],
    },
  ],
});

describe('wilson', () => {
  it('matches hand-computed bounds', () => {
    // k = 45, n = 50: p = .9, z² = 3.841459, denominator 1 + z²/n = 1.076829,
    // centre = (.9 + z²/100) / 1.076829 = .871463, half = z·√(.9·.1/50 + z²/10000) / 1.076829 = .085063.
    const [lo, hi] = wilson(45, 50)!;
    expect(lo).toBeCloseTo(0.786398, 5);
    expect(hi).toBeCloseTo(0.956524, 5);
    // k = 0, n = 10: the lower bound is 0, the upper z²/n ÷ (1 + z²/n) = .384146 / 1.384146 = .277533.
    const [lo0, hi0] = wilson(0, 10)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.277533, 5);
    // k = n: the mirror image.
    expect(wilson(10, 10)![0]).toBeCloseTo(0.722467, 5);
    expect(wilson(10, 10)![1]).toBeCloseTo(1, 12);
    // p = .5, n = 10: symmetric about .5, [.236593, .763407].
    expect(wilson(5, 10)![0]).toBeCloseTo(0.236593, 5);
    expect(wilson(5, 10)![1]).toBeCloseTo(0.763407, 5);
    expect(wilson(0, 0)).toBeNull();
  });

  it("Kish's effective size", () => {
    expect(effectiveSize([1, 1, 1, 1])).toBe(4);
    // (2 + 2 + .5 + .5)² ÷ (4 + 4 + .25 + .25) = 25 / 8.5
    expect(effectiveSize([2, 2, 0.5, 0.5])).toBeCloseTo(25 / 8.5, 10);
    expect(effectiveSize([])).toBe(0);
  });
});

describe('allocateQuotas', () => {
  it('splits by population with the largest remainders and adds up to the target', () => {
    // 100 over 5000, 3000, 2000 → 50, 30, 20 exactly.
    expect(allocateQuotas(100, [5000, 3000, 2000])).toEqual([50, 30, 20]);
    // 10 over 1, 1, 1: 3.33 each, the one left goes to the first (ties: larger population, then earlier).
    expect(allocateQuotas(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 over 100, 300, 600: 0.7, 2.1, 4.2 → floors 0, 2, 4 and the one left to .7.
    expect(allocateQuotas(7, [100, 300, 600])).toEqual([1, 2, 4]);
    // Equal remainders: the larger population first.
    expect(allocateQuotas(1, [100, 300])).toEqual([0, 1]);
    expect(allocateQuotas(5, [0, 0])).toEqual([0, 0]);
    expect(allocateQuotas(0, [10, 20])).toEqual([0, 0]);
    const q = allocateQuotas(300, [12345, 6789, 4321, 987, 55]);
    expect(q.reduce((a, b) => a + b, 0)).toBe(300);
  });
});

describe('eligibility and skip logic', () => {
  it('age 18–65 and at least 6 months of residence by default', () => {
    expect(isEligible(SAMPLE, { age: 18, residence: '6m-1y' })).toBe(true);
    expect(isEligible(SAMPLE, { age: 65, residence: 'gt3y' })).toBe(true);
    expect(isEligible(SAMPLE, { age: 17, residence: 'gt3y' })).toBe(false);
    expect(isEligible(SAMPLE, { age: 66, residence: 'gt3y' })).toBe(false);
    expect(isEligible(SAMPLE, { age: 30, residence: 'lt6m' })).toBe(false);
  });

  it('a question with showIf is shown only when the earlier answer includes a listed choice', () => {
    const p2 = SAMPLE.sections[0].questions[3];
    expect(isShown(p2, { P1: 'A' })).toBe(true);
    expect(isShown(p2, { P1: 'B' })).toBe(false);
    expect(isShown(p2, {})).toBe(false);
    expect(isShown(SAMPLE.sections[0].questions[0], {})).toBe(true);
  });
});

describe('validateAnswers', () => {
  const ok = { K1: 'A', K2: ['A', 'B'], P1: 'A', P2: ['B'], S1: 'B' };
  it('accepts a complete interview', () => {
    expect(validateAnswers(SAMPLE, ok)).toEqual([]);
    expect(validateAnswers(SAMPLE, { ...ok, P1: 'B', P2: undefined as never })).toEqual([]);
  });
  it('names what is wrong', () => {
    expect(validateAnswers(SAMPLE, { ...ok, S1: undefined as never })).toEqual([expect.stringMatching(/第 5 题.*请作答/)]);
    expect(validateAnswers(SAMPLE, { ...ok, P1: 'B' })).toEqual([expect.stringMatching(/第 4 题.*按跳题规则不应作答/)]);
    expect(validateAnswers(SAMPLE, { ...ok, S1: 'Z' })).toEqual([expect.stringMatching(/选项 Z 不存在/)]);
    expect(validateAnswers(SAMPLE, { ...ok, K2: 'A' })).toEqual([expect.stringMatching(/须为选项列表/)]);
    expect(validateAnswers(SAMPLE, { ...ok, K1: ['A'] })).toEqual([expect.stringMatching(/须为一个选项/)]);
    expect(validateAnswers(SAMPLE, { ...ok, N1: 30 })).toEqual([expect.stringMatching(/须在 1 至 20 之间/)]);
    expect(validateAnswers(SAMPLE, { ...ok, X9: 'A' })).toEqual(['题目 X9 不在问卷中']);
    expect(validateAnswers(SAMPLE, { ...ok, P2: ['A', 'A'] })).toEqual([expect.stringMatching(/选项重复/)]);
  });
});

describe('scoreAnswers', () => {
  it('one item per shown, answered rate question: knowledge exactly right, 不清楚 leaves the denominator', () => {
    expect(scoreAnswers(SAMPLE, { K1: 'A', K2: ['A', 'B'], P1: 'A', P2: ['B'], S1: 'B' })).toEqual([
      { question: 'K1', rate: 'awareness', valid: true, counted: true },
      { question: 'K2', rate: 'awareness', valid: true, counted: true },
      { question: 'P1', rate: 'participation', valid: true, counted: true },
      { question: 'S1', rate: 'satisfaction', valid: true, counted: true },
    ]);
    const items = scoreAnswers(SAMPLE, { K1: 'B', K2: ['A'], P1: 'B', S1: 'D' });
    expect(items).toEqual([
      { question: 'K1', rate: 'awareness', valid: true, counted: false },
      // A multiple knowledge question: a partial answer is wrong.
      { question: 'K2', rate: 'awareness', valid: true, counted: false },
      { question: 'P1', rate: 'participation', valid: true, counted: false },
      // 不清楚: not valid, not counted.
      { question: 'S1', rate: 'satisfaction', valid: false, counted: false },
    ]);
    expect(scoreAnswers(SAMPLE, { K2: ['A', 'B', 'C'], S1: 'C' })).toEqual([
      { question: 'K2', rate: 'awareness', valid: true, counted: false },
      { question: 'S1', rate: 'satisfaction', valid: true, counted: false },
    ]);
  });
});

describe('validateDefinition', () => {
  it('accepts the sample', () => {
    expect(validateDefinition(SAMPLE)).toEqual([]);
  });
  it('finds duplicate codes, missing choices, wrong answers, bad skip logic and rates on the wrong type', () => {
    const bad = def({
      groups: [
        { code: 'citizen', label: '市民' },
        { code: 'citizen', label: '居民' },
      ],
      eligibility: { minAge: 70, maxAge: 60, minResidenceMonths: 6 },
      sections: [
        {
          code: 'S1',
          title: '一',
          questions: [
            { code: 'Q1', type: 'single', text: '单选', choices: [{ code: 'A', label: '甲' }] },
            {
              code: 'Q1',
              type: 'knowledge',
              text: '应知',
              choices: [
                { code: 'A', label: '甲' },
                { code: 'B', label: '乙' },
              ],
              correct: ['C'],
            },
            { code: 'Q3', type: 'text', text: '简答', rate: 'satisfaction' },
            {
              code: 'Q4',
              type: 'single',
              text: '跳题',
              showIf: { question: 'Q9', anyOf: ['A'] },
              choices: [
                { code: 'A', label: '甲' },
                { code: 'B', label: '乙' },
              ],
            },
            {
              code: 'Q5',
              type: 'single',
              text: '满意',
              rate: 'satisfaction',
              choices: [
                { code: 'A', label: '甲' },
                { code: 'B', label: '乙' },
              ],
            },
            {
              code: 'Q6',
              type: 'single',
              text: '跳题二',
              showIf: { question: 'Q5', anyOf: ['Z'] },
              choices: [
                { code: 'A', label: '甲' },
                { code: 'B', label: '乙' },
              ],
            },
          ],
        },
      ],
    });
    const errors = validateDefinition(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        '调查对象编码 citizen 重复',
        '年龄下限不能高于上限',
        '第 1 题（Q1）：至少两个选项',
        '第 2 题（Q1）：题目编码重复',
        '第 2 题（Q1）：正确答案 C 不在选项中',
        '第 2 题（Q3）：简答题不能计入指标',
        expect.stringMatching(/显示条件须引用前面的题目（Q9/),
        '第 4 题（Q5）：计入满意度的题须至少有一个计入的选项',
        '第 5 题（Q6）：显示条件的选项 Z 不在题目 Q5 中',
      ]),
    );
  });
});
