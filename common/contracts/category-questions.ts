/** 附加问题 of a problem category (common/category-questions.ts holds the question schema and the answer check). */
import { z } from 'zod';
import { categoryQuestion, categoryQuestions } from '../category-questions';
import { OPEN311_DATATYPES } from '../open311';
import { abilitiesOf } from './shared';

export const categoryQuestionsResponse = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  questions: z.array(categoryQuestion),
  version: z.number().int().nullable(),
  abilities: abilitiesOf(['update']),
});
export type CategoryQuestionsDto = z.input<typeof categoryQuestionsResponse>;
export type CategoryQuestionsResult = z.output<typeof categoryQuestionsResponse>;

export const categoryQuestionsBody = z.object({ questions: categoryQuestions, version: z.number().int().nullable() });
export type CategoryQuestionsInput = z.input<typeof categoryQuestionsBody>;

/** An answer given with a report, as staff see it on the problem page. */
export const questionAnswer = z.object({
  code: z.string(),
  question: z.string(),
  datatype: z.enum(OPEN311_DATATYPES),
  display: z.string(),
});
