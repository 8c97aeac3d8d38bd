/**
 * GET /api/surveys/waves/:id/results: a wave's rates by town, group, question or in total (interview, public or all
 * responses; weighted to the population figures or not), with Wilson 95 % intervals, the same rows of the previous wave
 * of the region (same questionnaire family), the questions lowest first and the sources side by side. The sums are SQL
 * (results-repository.ts); the rates and intervals follow common/surveys.ts (rate = Σ w·counted ÷ Σ w·valid,
 * Wilson with n = Kish's effective size of the interviews with a valid item — their plain count when unweighted).
 */
import type { z } from 'zod';
import type { rateRow, resultsQuery, surveyResults } from '../../../common/contracts/surveys';
import { allQuestions, SURVEY_RATES, wilson, type SurveyRate } from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { can } from '../../platform/policy';
import './policy';
import {
  findPreviousWave,
  findResultsWave,
  rateSums,
  townNames,
  type RateSum,
  type ResultsGroupBy,
  type ResultsSource,
  type ResultsWave,
} from './results-repository';

type RateRow = z.input<typeof rateRow>;
type Rates = Record<SurveyRate, number | null>;
type Cis = Record<SurveyRate, [number, number] | null>;
export type SurveyResults = z.input<typeof surveyResults>;
export type ResultsQuery = z.output<typeof resultsQuery>;

/** The wave if the actor may read its results (surveys.read over its region or campaign); 404 otherwise. */
export async function readableWave(ctx: Ctx, waveId: string): Promise<ResultsWave> {
  const wave = await findResultsWave(ctx.db, waveId);
  if (!wave || !can(ctx.actor, 'surveys.read', { regionPath: wave.region_path, campaignId: wave.campaign_id })) throw notFound('调查');
  return wave;
}

/** A rate and its interval from one (row, rate) sum. */
export function rateOf(s: RateSum | undefined): { value: number | null; ci: [number, number] | null; n: number } {
  if (!s || !(s.wValid > 0) || !(s.sumW2 > 0)) return { value: null, ci: null, n: s?.n ?? 0 };
  const value = s.wCounted / s.wValid;
  const nEff = (s.sumW * s.sumW) / s.sumW2;
  return { value, ci: wilson(value * nEff, nEff), n: s.n };
}

interface Figures {
  n: number;
  rates: Rates;
  ci: Cis;
}

/** The figures per row key. */
function byKey(sums: RateSum[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const get = (key: string) => {
    let f = out.get(key);
    if (!f) {
      f = {
        n: 0,
        rates: Object.fromEntries(SURVEY_RATES.map((r) => [r, null])) as Rates,
        ci: Object.fromEntries(SURVEY_RATES.map((r) => [r, null])) as Cis,
      };
      out.set(key, f);
    }
    return f;
  };
  for (const s of sums) {
    const f = get(s.key);
    if (s.rate === null) f.n = s.n;
    else {
      const r = rateOf(s);
      f.rates[s.rate] = r.value;
      f.ci[s.rate] = r.ci;
    }
  }
  return out;
}

const emptyRates = (): Rates => Object.fromEntries(SURVEY_RATES.map((r) => [r, null])) as Rates;

function row(key: string, name: string, f: Figures | undefined, prev: Map<string, Figures> | null): RateRow {
  const p = prev?.get(key);
  return {
    key,
    name,
    n: f?.n ?? 0,
    ...(f?.rates ?? emptyRates()),
    ci: f?.ci ?? (Object.fromEntries(SURVEY_RATES.map((r) => [r, null])) as Cis),
    previous: p && p.n > 0 ? { ...p.rates } : null,
  };
}

/** The results of a wave the actor may read. */
export async function readResults(ctx: Ctx, waveId: string, q: ResultsQuery): Promise<SurveyResults> {
  const wave = await readableWave(ctx, waveId);
  return computeResults(ctx, wave, q);
}

/** The results of a wave already checked (the exports reuse it). */
export async function computeResults(ctx: Ctx, wave: ResultsWave, q: ResultsQuery): Promise<SurveyResults> {
  const db = ctx.db;
  const source: ResultsSource = q.source;
  const opts = { source, weighted: q.weighted };
  const previousWave = (await findPreviousWave(db, wave)) ?? null;
  const [rows, total, questionSums, sourceSums, towns] = await Promise.all([
    rateSums(db, wave.id, { ...opts, groupBy: q.groupBy as ResultsGroupBy }),
    rateSums(db, wave.id, { ...opts, groupBy: 'total' }),
    rateSums(db, wave.id, { ...opts, groupBy: 'question' }),
    rateSums(db, wave.id, { source: 'all', weighted: q.weighted, groupBy: 'source' }),
    townNames(db, wave.id),
  ]);
  const [prevRows, prevTotal] = previousWave
    ? await Promise.all([
        rateSums(db, previousWave.id, { ...opts, groupBy: q.groupBy as ResultsGroupBy }),
        rateSums(db, previousWave.id, { ...opts, groupBy: 'total' }),
      ])
    : [null, null];
  const figures = byKey(rows);
  const prev = prevRows ? byKey(prevRows) : null;
  const questions = allQuestions(wave.definition);

  let keys: Array<{ key: string; name: string }>;
  switch (q.groupBy) {
    case 'town':
      keys = towns.map((t) => ({ key: t.id, name: t.name }));
      break;
    case 'group':
      keys = wave.definition.groups.map((g) => ({ key: g.code, name: g.label }));
      for (const k of figures.keys()) if (!keys.some((x) => x.key === k)) keys.push({ key: k, name: k });
      break;
    case 'question':
      keys = questions.filter((x) => x.rate).map((x) => ({ key: x.code, name: x.text }));
      break;
    case 'total':
      keys = [{ key: 'total', name: '合计' }];
      break;
  }

  const questionFigures = new Map(questionSums.filter((s) => s.rate !== null).map((s) => [s.key, s]));
  const questionRows = questions
    .filter((x) => x.rate)
    .map((x) => {
      const s = questionFigures.get(x.code);
      const r = rateOf(s);
      return { code: x.code, text: x.text, rate: x.rate as SurveyRate, n: r.n, share: r.value, ci: r.ci };
    })
    .sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || a.code.localeCompare(b.code));

  const bySourceFigures = byKey(sourceSums);
  return {
    waveId: wave.id,
    groupBy: q.groupBy,
    source: q.source,
    weighted: q.weighted,
    previousWave,
    total: row('total', '合计', byKey(total).get('total'), prevTotal ? byKey(prevTotal) : null),
    rates: keys.map((k) => row(k.key, k.name, figures.get(k.key), prev)),
    questions: questionRows,
    bySource: (['interview', 'public'] as const).map((s) => {
      const f = bySourceFigures.get(s);
      return { source: s, n: f?.n ?? 0, ...(f?.rates ?? emptyRates()) };
    }),
  };
}
