/**
 * Starter questionnaires (versioned data files in data/templates/*.json): 全国文明城市群众满意度调查问卷 and 国家卫生城市
 * 群众满意率调查问卷. The office copies one into its region (POST /questionnaires/from-template) and edits it there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allQuestions, questionnaireDefinition, validateDefinition, type QuestionnaireDefinition } from '../../../common/surveys';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/templates');

export interface SurveyTemplate {
  code: string;
  version: number;
  name: string;
  description: string;
  definition: QuestionnaireDefinition;
}

let cache: SurveyTemplate[] | null = null;

/** The templates, checked like a questionnaire the office saves (a bad file is a programming error). */
export function loadTemplates(): SurveyTemplate[] {
  if (cache) return cache;
  const out: SurveyTemplate[] = [];
  for (const f of fs
    .readdirSync(DIR)
    .filter((x) => x.endsWith('.json'))
    .sort()
    .reverse()) {
    const raw = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Omit<SurveyTemplate, 'definition'> & { definition: unknown };
    const definition = questionnaireDefinition.parse(raw.definition);
    const errors = validateDefinition(definition);
    if (errors.length) throw new Error(`survey template ${f}: ${errors.join('; ')}`);
    out.push({ code: raw.code, version: raw.version, name: raw.name, description: raw.description, definition });
  }
  cache = out;
  return out;
}

export const templateSummaries = () =>
  loadTemplates().map((t) => ({
    code: t.code,
    name: t.name,
    description: t.description,
    questionCount: allQuestions(t.definition).length,
  }));
