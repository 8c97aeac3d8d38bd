/**
 * 上传佐证材料: the lead unit's head or liaison uploads one evidence document for a task's monthly report — PDF, Word
 * (.docx or legacy .doc), Excel (.xlsx) or a JPEG/PNG scan — before naming it in the report's fileIds. As the materials
 * pipeline does: the type is detected from the bytes (materials/detect-document.ts), never from the name or the
 * declared type; the size is capped on the bytes received; an Office file is recognised by the entry names a zip
 * stores in clear and is never inflated here, so a zip bomb costs nothing. Stored through deps.storage; the row
 * (task_evidence_files) says which task and which uploader it belongs to.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { readOneFileUpload, type OneFileUpload } from '../../platform/upload';
import type { TaskEvidenceDto } from '../../../common/contracts/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { detectDocument } from '../materials/detect-document';
import { evidenceUrl, type ProgressTask } from './progress-repository';
import { taskToReport } from './submit-progress';

/** 20 MB, as for 材料报送: a scanned PDF or a workbook with pictures fits. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const KINDS_TEXT = 'PDF、Word（.docx/.doc）、Excel（.xlsx）或 JPEG/PNG 图片';
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

export interface EvidenceKind {
  mime: string;
  ext: string;
}

/**
 * The evidence kind of these bytes, or null. A legacy OLE compound file counts only when its directory names the
 * `WordDocument` stream (a .doc; an old .xls, .ppt or mail message does not); PowerPoint is not evidence here.
 */
export function detectEvidence(buf: Buffer): EvidenceKind | null {
  const kind = detectDocument(buf);
  if (!kind) return null;
  if (kind.ext === 'doc') return buf.includes(WORD_STREAM) ? { mime: 'application/msword', ext: 'doc' } : null;
  if (kind.ext === 'pptx') return null;
  return kind;
}

export type EvidenceUpload = OneFileUpload;

/** Reads the multipart body: one file in the field `file` (other text fields are ignored). */
export const readEvidenceUpload = (req: FastifyRequest): Promise<EvidenceUpload> =>
  readOneFileUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, what: '佐证材料', tooLarge: '佐证材料不能超过 20 MB，请压缩后重新上传' });

/** The name a download carries: the client's name, ending in the detected type's extension whatever it said. */
export function evidenceName(name: string | null, ext: string): string {
  const base = name ?? '佐证材料';
  const lower = base.toLowerCase();
  const same = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg'));
  return same ? base : `${base}.${ext}`;
}

/**
 * Stores one evidence document for the task. Who may: the lead unit (taskToReport: out of scope 404, a reader who is
 * not the lead unit 403) — checked before the body is read, so a refused caller never uploads 20 MB.
 */
export async function uploadEvidence(
  ctx: Ctx,
  storage: FileStorage,
  taskId: string,
  read: () => Promise<EvidenceUpload>,
): Promise<TaskEvidenceDto> {
  const task: ProgressTask = await taskToReport(ctx, taskId);
  const upload = await read();
  const kind = detectEvidence(upload.bytes);
  if (!kind)
    throw new AppError(
      'unsupported_media_type',
      `“${upload.name ?? '该文件'}”不是支持的佐证材料类型（限 ${KINDS_TEXT}；按文件内容识别，与文件名无关）`,
    );
  const name = evidenceName(upload.name, kind.ext);
  const now = ctx.clock.now();
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError('forbidden', '佐证材料须由牵头单位的账号上传');
  const key = `task-evidence/${now.toISOString().slice(0, 7).replace('-', '/')}/${crypto.randomUUID()}.${kind.ext}`;
  await storage.put(key, upload.bytes);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('task_evidence_files')
        .values({
          task_id: task.id,
          uploaded_by: me,
          mime: kind.mime,
          ext: kind.ext,
          original_name: name,
          size_bytes: upload.bytes.length,
          storage_key: key,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(tx, ctx, {
        action: 'task_evidence.uploaded',
        subjectType: 'task_evidence_file',
        subjectId: row.id,
        after: { task_id: task.id, name, mime: kind.mime, size: upload.bytes.length },
      });
      return { id: row.id, name, mime: kind.mime, size: upload.bytes.length, url: evidenceUrl(task.id, row.id) };
    });
  } catch (e) {
    await storage.delete(key).catch(() => undefined);
    throw e;
  }
}
