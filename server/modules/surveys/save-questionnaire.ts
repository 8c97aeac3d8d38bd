/**
 * 调查问卷: the office creates a questionnaire (version 1), edits the newest version (which inserts the next version —
 * a version is never changed, so a wave keeps the questionnaire it was made with), copies a starter template into its
 * region, and retires a family. `validateDefinition`'s messages answer 422 naming the question. Every change is audited.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { questionnaireBody, questionnaireUpdateBody } from '../../../common/contracts/surveys';
import { allQuestions, questionnaireDefinition, validateDefinition, type QuestionnaireDefinition } from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { mayManageQuestionnaire, mayReadQuestionnaire, questionnaireNotFound } from './access';
import { findQuestionnaire, findRegion } from './repository';
import { loadTemplates } from './templates';

type Body = z.output<typeof questionnaireBody>;
type UpdateBody = z.output<typeof questionnaireUpdateBody>;

/** 422 naming the questions when the definition does not hold together. */
export function checkDefinition(def: QuestionnaireDefinition): void {
  const errors = validateDefinition(def);
  if (errors.length) throw new AppError('unprocessable', `问卷有误：${errors.join('；')}`, { errors });
}

/** The region a questionnaire or wave belongs to: a county or city the office manages (404 out of scope). */
export async function managedRegion(ctx: Ctx, regionId: string) {
  const region = await findRegion(ctx.db, regionId);
  if (!region) throw notFound('区划');
  authorize(ctx.actor, 'surveys.manage', { regionPath: region.path });
  if (region.level !== 'county' && region.level !== 'city')
    throw new AppError('unprocessable', 'regionId：问卷调查由县（区）或市组织，请选择县（区）或市');
  return region;
}

async function insertVersion(
  tx: Tx,
  ctx: Ctx,
  values: { familyKey: string; version: number; regionId: string; name: string; definition: QuestionnaireDefinition },
) {
  const row = await tx
    .insertInto('survey_questionnaires')
    .values({
      family_key: values.familyKey,
      version: values.version,
      region_id: values.regionId,
      name: values.name,
      definition: JSON.stringify(values.definition),
      created_by: actorUserId(ctx.actor),
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const auditView = (name: string, def: QuestionnaireDefinition, version: number) => ({
  name,
  version,
  title: def.title,
  questionCount: allQuestions(def).length,
});

/** Version 1 of a new questionnaire; returns its id. */
export async function createQuestionnaire(ctx: Ctx, body: Body, action = 'survey_questionnaire.created'): Promise<string> {
  const definition = questionnaireDefinition.parse(body.definition);
  const region = await managedRegion(ctx, body.regionId);
  checkDefinition(definition);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertVersion(tx, ctx, {
      familyKey: crypto.randomUUID(),
      version: 1,
      regionId: region.id,
      name: body.name,
      definition,
    });
    await recordEvent(tx, ctx, {
      action,
      subjectType: 'survey_questionnaire',
      subjectId: id,
      after: { regionId: region.id, ...auditView(body.name, definition, 1) },
    });
    return id;
  });
}

/** A starter questionnaire copied into the region as a new family (version 1). */
export async function createFromTemplate(ctx: Ctx, input: { regionId: string; template: string }): Promise<string> {
  const template = loadTemplates().find((t) => t.code === input.template);
  if (!template) {
    await managedRegion(ctx, input.regionId);
    throw new AppError('unprocessable', `template：没有名为 ${input.template} 的问卷模板`);
  }
  return createQuestionnaire(ctx, { regionId: input.regionId, name: template.name, definition: template.definition });
}

async function loadForChange(ctx: Ctx, id: string) {
  const q = await findQuestionnaire(ctx.db, id);
  if (!q || !mayReadQuestionnaire(ctx.actor, q)) throw questionnaireNotFound();
  if (!mayManageQuestionnaire(ctx.actor, q)) throw forbidden('只有创建办可以修改问卷');
  return q;
}

/** Editing the newest version inserts version n+1 (returns its id); an older version answers 409. */
export async function reviseQuestionnaire(ctx: Ctx, id: string, body: UpdateBody): Promise<string> {
  const q = await loadForChange(ctx, id);
  const definition = questionnaireDefinition.parse(body.definition);
  if (q.retired_at) throw new AppError('conflict', '该问卷已停用，不能修改');
  if (q.version !== q.latest_version)
    throw new AppError('version_conflict', `该问卷已有更新的版本（第 ${q.latest_version} 版），请在最新版本上修改`, {
      latestVersion: q.latest_version,
    });
  checkDefinition(definition);
  return ctx.db.transaction().execute(async (tx) => {
    let newId: string;
    try {
      newId = await insertVersion(tx, ctx, {
        familyKey: q.family_key,
        version: q.version + 1,
        regionId: q.region_id,
        name: body.name,
        definition,
      });
    } catch (error) {
      // (family_key, version) is unique: someone else made version n+1 first.
      if (/unique|duplicate/i.test(String((error as Error).message)))
        throw new AppError('version_conflict', '该问卷刚被他人修改，已有更新的版本，请刷新后在最新版本上修改');
      throw error;
    }
    await recordEvent(tx, ctx, {
      action: 'survey_questionnaire.revised',
      subjectType: 'survey_questionnaire',
      subjectId: newId,
      before: { id: q.id, ...auditView(q.name, q.definition, q.version) },
      after: auditView(body.name, definition, q.version + 1),
    });
    return newId;
  });
}

/** Retires every version of the family (no new wave may use it; existing waves keep theirs). */
export async function retireQuestionnaire(ctx: Ctx, id: string): Promise<void> {
  const q = await loadForChange(ctx, id);
  if (q.retired_at) throw new AppError('conflict', '该问卷已停用');
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('survey_questionnaires')
      .set({ retired_at: ctx.clock.now() })
      .where('family_key', '=', q.family_key)
      .where('retired_at', 'is', null)
      .execute();
    await recordEvent(tx, ctx, {
      action: 'survey_questionnaire.retired',
      subjectType: 'survey_questionnaire',
      subjectId: q.id,
      before: auditView(q.name, q.definition, q.version),
    });
  });
}
