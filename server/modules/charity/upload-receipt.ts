/**
 * 上传票据: an organisation's admin uploads a receipt (发票、收据、签收单 or a photo of one) for a project before naming
 * it in a ledger entry. As the other upload pipelines do: the type comes from the bytes (materials/detect-document.ts)
 * — JPEG, PNG or PDF only, never from the name — and the size is capped on the bytes received (10 MB). A picture is
 * decoded and written again without its metadata (a phone photo's EXIF holds where it was taken; the receipt may be
 * shown publicly). The receipt is private until an entry names it. Audited.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { readOneFileUpload, type OneFileUpload } from '../../platform/upload';
import sharp from 'sharp';
import { CHARITY_RECEIPT_MAX_BYTES } from '../../../common/charity';
import type { ReceiptDto } from '../../../common/contracts/charity';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { detectDocument } from '../materials/detect-document';
import { adminOrgIdsOf, assertMay, mayReadOrg, mayRecord } from './access';
import { receiptUrl } from './presenter';
import { findProject, type ProjectRow } from './repository';

export type ReceiptUpload = OneFileUpload;

/** Reads the multipart body: one file in the field `file`. */
export const readReceiptUpload = (req: FastifyRequest): Promise<ReceiptUpload> =>
  readOneFileUpload(req, { maxBytes: CHARITY_RECEIPT_MAX_BYTES, what: '票据', tooLarge: '票据不能超过 10 MB，请压缩后重新上传' });

/** The project, if the actor may record for it: 404 out of sight, 403 for a reader, 422 for a closed project. */
export async function projectToRecord(ctx: Ctx, projectId: string): Promise<ProjectRow> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const p = await findProject(ctx.db, projectId);
  if (!p || !mayReadOrg(ctx.actor, p, adminOrgs)) throw notFound('慈善项目');
  assertMay(mayRecord(ctx.actor, p, adminOrgs), '台账由慈善组织的管理员记录');
  if (p.status === 'closed') throw new AppError('unprocessable', '项目已结束，不能再记账', { field: 'status' });
  return p;
}

async function cleanPicture(bytes: Buffer, mime: string): Promise<Buffer> {
  try {
    const img = sharp(bytes, { failOn: 'error' }).rotate();
    return mime === 'image/png' ? await img.png().toBuffer() : await img.jpeg({ quality: 88 }).toBuffer();
  } catch {
    throw new AppError('unprocessable', '图片已损坏或不完整，请重新拍照上传', { field: 'file' });
  }
}

/** Stores one receipt of the project (checked before the body is read, so a refused caller never uploads 10 MB). */
export async function uploadReceipt(
  ctx: Ctx,
  storage: FileStorage,
  projectId: string,
  read: () => Promise<ReceiptUpload>,
): Promise<ReceiptDto> {
  const p = await projectToRecord(ctx, projectId);
  const upload = await read();
  const kind = detectDocument(upload.bytes);
  if (!kind || !['image/jpeg', 'image/png', 'application/pdf'].includes(kind.mime)) {
    throw new AppError(
      'unsupported_media_type',
      `“${upload.name ?? '该文件'}”不是支持的票据类型（限 JPEG、PNG 图片或 PDF；按文件内容识别，与文件名无关）`,
    );
  }
  const bytes = kind.mime === 'application/pdf' ? upload.bytes : await cleanPicture(upload.bytes, kind.mime);
  const base = upload.name ?? '票据';
  const lower = base.toLowerCase();
  const name = lower.endsWith(`.${kind.ext}`) || (kind.ext === 'jpg' && lower.endsWith('.jpeg')) ? base : `${base}.${kind.ext}`;
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError('forbidden', '票据须由组织管理员的账号上传');
  const now = ctx.clock.now();
  const key = `charity-receipts/${now.toISOString().slice(0, 7).replace('-', '/')}/${crypto.randomUUID()}.${kind.ext}`;
  await storage.put(key, bytes);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('charity_receipts')
        .values({
          project_id: p.id,
          uploaded_by: me,
          mime: kind.mime,
          ext: kind.ext,
          original_name: name,
          size_bytes: bytes.length,
          storage_key: key,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(tx, ctx, {
        action: 'charity_receipt.uploaded',
        subjectType: 'charity_receipt',
        subjectId: row.id,
        after: { project_id: p.id, name, mime: kind.mime, size: bytes.length },
      });
      return { id: row.id, name, mime: kind.mime, size: bytes.length, url: receiptUrl(p.id, row.id) };
    });
  } catch (e) {
    await storage.delete(key).catch(() => undefined);
    throw e;
  }
}
