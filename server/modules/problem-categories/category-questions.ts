/**
 * 附加问题 of a category: read by anyone who reads the category, saved by the office that may edit it — a shipped
 * (deployment-wide) category by an office over the whole deployment (the 公众类别 rule), a county's own category by
 * the office over the region that added it. Version-guarded and audited (`category_questions.updated`).
 */
import { orderedQuestions, type CategoryQuestion, type QuestionAnswer } from '../../../common/category-questions';
import type { CategoryQuestionsInput, CategoryQuestionsResult } from '../../../common/contracts';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { mayEditRegion } from '../problem-settings/resolve';
import { mayEditPublicCategories } from '../public-reports/edit-public-categories';
import { mayReadCategory } from './list-categories';

/** The stored questions column (jsonb; a string on some drivers) as questions. */
export const parseQuestions = (v: unknown): CategoryQuestion[] => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as CategoryQuestion[];

/** The questions of a category, in order (none: an empty list). */
export async function questionsOf(db: Db | Tx, code: string): Promise<CategoryQuestion[]> {
  const row = await db.selectFrom('category_questions').select('questions').where('category_code', '=', code).executeTakeFirst();
  return row ? orderedQuestions(parseQuestions(row.questions)) : [];
}

async function loadCategory(ctx: Ctx, db: Db | Tx, code: string) {
  const c = await db
    .selectFrom('problem_categories as c')
    .leftJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.code', 'c.name', 'c.region_id', 'r.path as region_path'])
    .where('c.code', '=', code)
    .executeTakeFirst();
  if (!c || !mayReadCategory(ctx.actor, c.region_id ? (c.region_path ?? '') : null)) throw notFound('问题类别');
  return c;
}

async function mayEdit(ctx: Ctx, c: { region_id: string | null; region_path: string | null }) {
  return c.region_id ? mayEditRegion(ctx.actor, 'problemCategories.update', c.region_path) : mayEditPublicCategories(ctx);
}

export async function readQuestions(ctx: Ctx, code: string): Promise<CategoryQuestionsResult> {
  authorize(ctx.actor, 'problemCategories.list');
  const c = await loadCategory(ctx, ctx.db, code);
  const row = await ctx.db.selectFrom('category_questions').selectAll().where('category_code', '=', code).executeTakeFirst();
  return {
    categoryCode: c.code,
    categoryName: c.name,
    questions: row ? orderedQuestions(parseQuestions(row.questions)) : [],
    version: row ? row.version : null,
    abilities: { update: await mayEdit(ctx, c) },
  };
}

export async function saveQuestions(ctx: Ctx, code: string, input: CategoryQuestionsInput): Promise<CategoryQuestionsResult> {
  authorize(ctx.actor, 'problemCategories.update');
  const c = await loadCategory(ctx, ctx.db, code);
  if (!(await mayEdit(ctx, c)))
    throw new AppError(
      'forbidden',
      c.region_id ? '该类别由上级区域添加，本级不能修改其附加问题' : '全域共用类别的附加问题请由市级（最高一级）创建办调整',
    );
  const questions = orderedQuestions(input.questions as CategoryQuestion[]);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const before = await tx.selectFrom('category_questions').selectAll().where('category_code', '=', code).forUpdate().executeTakeFirst();
    if (!before) {
      if (input.version !== null) throw versionConflict();
      await tx
        .insertInto('category_questions')
        .values({ category_code: code, questions: JSON.stringify(questions), updated_by: actorUserId(ctx.actor), updated_at: now })
        .execute();
    } else {
      if (input.version !== before.version) throw versionConflict();
      await tx
        .updateTable('category_questions')
        .set({ questions: JSON.stringify(questions), version: before.version + 1, updated_by: actorUserId(ctx.actor), updated_at: now })
        .where('category_code', '=', code)
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'category_questions.updated',
      subjectType: 'problem_category',
      subjectId: code,
      before: before ? { questions: parseQuestions(before.questions) } : null,
      after: { questions },
    });
  });
  return readQuestions(ctx, code);
}

/** Keeps the answers given with a new report (none: nothing written). */
export async function saveQuestionAnswers(tx: Tx, problemId: string, answers: QuestionAnswer[], now: Date): Promise<void> {
  if (!answers.length) return;
  await tx
    .insertInto('problem_question_answers')
    .values({ problem_id: problemId, answers: JSON.stringify(answers), created_at: now })
    .execute();
}

/** The stored answers column (jsonb; a string on some drivers; null when none) as answers. */
export const parseAnswers = (v: unknown): QuestionAnswer[] => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as QuestionAnswer[];

/** The 附加问题 answered with a report, as staff see them (the problem page); none: an empty list. */
export async function questionAnswersOf(db: Db | Tx, problemId: string) {
  const row = await db.selectFrom('problem_question_answers').select('answers').where('problem_id', '=', problemId).executeTakeFirst();
  const answers = parseAnswers(row?.answers);
  return answers.map((a) => ({ code: a.code, question: a.question, datatype: a.datatype, display: a.display }));
}
