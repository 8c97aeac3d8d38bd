/**
 * 督办单 as a 公文 (GB/T 9704 信函 layout, platform/gongwen.ts): the office's red 发文机关标志, 文号 创城办督〔2026〕N号
 * (N = the notice's place among the office area's notices of its year), 主送 the responsible unit, the facts in a
 * table, the requirement with the deadline, the problem's report photo the reader may see, 落款 and 成文日期 in Chinese
 * numerals (the day it was issued), 抄送 the leaders it was escalated to.
 */
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Paragraph, Table } from 'docx';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { body, buildGongwen, documentNumber, fieldTable, figure } from '../../platform/gongwen';
import { issuingOffice } from '../../platform/issuing-office';
import type { FileStorage } from '../../platform/storage';
import { visiblePhotos } from '../../platform/visibility';
import type { ProblemRow } from '../problems/repository';
import { noticeFacts, noticeTime as time } from './presenter';
import { roundCampaignId, type Notice } from './repository';
import { beijingYear } from '../../../common/beijing';

/** The notice's number: its place among the notices issued in the office's area in its year (Beijing time). */
async function noticeNumber(db: Db, n: Notice, officeRegionId: string, year: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from supervision_notices x
    join problems p on p.id = x.problem_id join regions r on r.id = p.region_id
    join regions o on o.id = ${officeRegionId}
    where r.path like o.path || '%'
      and extract(year from x.issued_at at time zone 'Asia/Shanghai') = ${year}
      and (x.issued_at, x.code) <= (${n.issued_at}::timestamptz, ${n.code})`.execute(db);
  return Math.max(1, rows[0]?.n ?? 1);
}

/** Builds the 督办单 .docx for a notice the actor may read. */
export async function buildNoticeDocx(db: Db, storage: FileStorage, actor: Actor, n: Notice, p: ProblemRow): Promise<Buffer> {
  const office = await issuingOffice(db, await roundCampaignId(db, p.round_id), p.region_id);
  const issued = new Date(n.issued_at);
  const year = beijingYear(issued);
  const number = documentNumber(`${office.prefix}督`, year, await noticeNumber(db, n, office.regionId, year));
  const children: Array<Paragraph | Table> = [
    body(`你单位负责整改的问题（编号${p.code}）已超过整改时限，至今未整改到位。根据创建工作督查督办有关规定，现予以督办。具体情况如下：`),
    fieldTable(noticeFacts(n, p)),
  ];
  const photo = (await visiblePhotos(db, actor, p.id)).find((x) => x.stage === 'report');
  if (photo) {
    const file = await db.selectFrom('files').select(['evidence_key', 'taken_at']).where('id', '=', photo.file_id).executeTakeFirst();
    if (file) {
      try {
        const image = await storage.get(file.evidence_key);
        const meta = await sharp(image).metadata();
        children.push(
          ...figure(
            image,
            { width: meta.width ?? 800, height: meta.height ?? 600 },
            `问题现场照片${file.taken_at ? `（拍摄于${time(file.taken_at)}）` : ''}`,
            { width: 80, height: 50 },
          ),
        );
      } catch {
        children.push(body('（问题照片文件缺失）'));
      }
    }
  }
  children.push(
    body(
      `请你单位接单后立即组织整改，于${time(n.deadline)}前将整改情况及整改前后对比照片报送${office.short}。逾期仍未整改到位的，将按规定升级督办，报请挂钩联系的县领导督办，并在全县通报。`,
    ),
  );
  return buildGongwen({
    organ: office.organ,
    letter: true,
    number,
    title: '问题整改督办单',
    addressee: p.unit_name ?? '有关单位',
    children,
    date: issued,
    copyTo: n.escalated_to ?? undefined,
    printedBy: `${office.regionName}${office.short.slice(1)}`,
  });
}
