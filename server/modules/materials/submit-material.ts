/** 提交材料: a unit uploads evidence for a material-review standard and a period (resubmitting replaces nothing, it adds files and asks for review again). */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MATERIAL_SUBMITTABLE, type MaterialState } from '../../../common/material-workflow';
import { periodCodeSchema } from '../../../common/period';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import type { FileStorage } from '../../platform/storage';
import { detectDocument } from './detect-document';

const MAX_BYTES = 20 * 1024 * 1024;
const fieldsSchema = z.object({
  standardId: z.uuid('请选择测评标准'),
  unitId: z.uuid().optional(),
  period: periodCodeSchema,
  note: z.string().trim().max(1000).optional(),
});

/** Reads the multipart body: fields plus one or more files, each checked by content. */
export async function readMaterialUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传（字段 standardId、period、file）');
  const fields: Record<string, string> = {};
  const files: Array<{ name: string | null; data: Buffer; mime: string; ext: string }> = [];
  for await (const part of req.parts({ limits: { fileSize: MAX_BYTES, files: 10 } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', '单个文件不能超过 20 MB');
        throw e;
      });
      const kind = detectDocument(data);
      if (!kind) throw new AppError('unsupported_media_type', `“${part.filename}”不是支持的文件类型（PDF、Word、Excel、PPT、JPEG、PNG）`);
      files.push({ name: part.filename?.slice(0, 200) ?? null, data, ...kind });
    } else fields[part.fieldname] = String(part.value ?? '').trim();
  }
  const parsed = fieldsSchema.safeParse({ ...fields, unitId: fields.unitId || undefined, note: fields.note || undefined });
  if (!parsed.success) throw new AppError('validation', `输入有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
  if (!files.length) throw new AppError('bad_request', '请上传至少一个文件（字段名 file）');
  return { ...parsed.data, files };
}

/** Stores the files and the submission; returns its id. */
export async function submitMaterial(
  ctx: Ctx,
  storage: FileStorage,
  input: Awaited<ReturnType<typeof readMaterialUpload>>,
): Promise<string> {
  const standard = await ctx.db
    .selectFrom('standards')
    .select(['id', 'method', 'lead_unit_id'])
    .where('id', '=', input.standardId)
    .executeTakeFirst();
  if (!standard) throw notFound('测评标准');
  if (standard.method !== 'material') throw new AppError('validation', '该测评标准不是材料审核类');
  const unitId = input.unitId ?? ctx.actor.unitId;
  if (!unitId) throw new AppError('validation', '请选择提交材料的单位');
  const unit = await ctx.db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'r.path'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw new AppError('validation', '单位不存在');
  authorize(ctx.actor, 'materials.submit', { unitId, regionPath: unit.path }, { permission: 'units.read' });
  const onIt =
    standard.lead_unit_id === unitId ||
    !!(await ctx.db
      .selectFrom('standard_units')
      .select('unit_id')
      .where('standard_id', '=', standard.id)
      .where('unit_id', '=', unitId)
      .executeTakeFirst());
  if (!onIt && !can(ctx.actor, 'materials.review', { regionPath: unit.path }))
    throw new AppError('forbidden', '该单位不是此项标准的牵头或责任单位');

  const stored: string[] = [];
  try {
    for (const f of input.files) {
      const key = `materials/${crypto.randomUUID()}.${f.ext}`;
      await storage.put(key, f.data);
      stored.push(key);
    }
    return await ctx.db.transaction().execute(async (tx) => {
      const now = ctx.clock.now();
      const existing = await tx
        .selectFrom('material_submissions')
        .select(['id', 'status', 'version'])
        .where('standard_id', '=', standard.id)
        .where('unit_id', '=', unitId)
        .where('period', '=', input.period)
        .executeTakeFirst();
      // The table says from which states a unit may submit: a passed submission is final.
      if (!MATERIAL_SUBMITTABLE.includes((existing?.status ?? null) as MaterialState | null))
        throw new AppError('conflict', '该期材料已审核通过，无需再次提交');
      const id = existing
        ? (
            await tx
              .updateTable('material_submissions')
              .set({
                status: 'submitted',
                note: input.note ?? null,
                submitted_by: actorUserId(ctx.actor),
                submitted_at: now,
                updated_at: now,
                version: existing.version + 1,
              })
              .where('id', '=', existing.id)
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : (
            await tx
              .insertInto('material_submissions')
              .values({
                standard_id: standard.id,
                unit_id: unitId,
                period: input.period,
                note: input.note ?? null,
                status: 'submitted',
                submitted_by: actorUserId(ctx.actor),
                submitted_at: now,
                updated_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
      await tx
        .insertInto('material_files')
        .values(
          input.files.map((f, i) => ({
            submission_id: id,
            original_name: f.name,
            mime: f.mime,
            size: f.data.length,
            sha256: crypto.createHash('sha256').update(f.data).digest('hex'),
            storage_key: stored[i],
            uploaded_by: actorUserId(ctx.actor),
            created_at: now,
          })),
        )
        .execute();
      await recordEvent(tx, ctx, {
        action: existing ? 'material.resubmitted' : 'material.submitted',
        subjectType: 'material_submission',
        subjectId: id,
        after: { standard_id: standard.id, unit_id: unitId, period: input.period, files: input.files.length },
      });
      return id;
    });
  } catch (e) {
    await Promise.all(stored.map((k) => storage.delete(k).catch(() => undefined)));
    throw e;
  }
}
