/**
 * 志愿服务证明 (.docx): name, masked ID number, team, total certified hours, star level, the certified activities, the
 * issuing team and the date, and a verification code anyone can check on the public page
 * (/api/public/volunteer-certificates/:code → 张**, team, hours, star). The code is issued once per volunteer (random,
 * 12 characters from 32: 60 bits, unguessable) and kept in volunteers.certificate_code; the first issue is audited.
 * Only an approved volunteer gets one: the volunteer, the team's admins and the office of the team's region.
 */
import crypto from 'node:crypto';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph } from 'docx';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicCertificate } from '../../../common/contracts/volunteers';
import { hoursOf, starLevel, starText } from '../../../common/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { arabicDate, blankLine, fieldTable, GONGWEN_FONTS, PT, run, table } from '../../platform/gongwen';
import { beijingDay } from '../calendar/calendar';
import { adminTeamIdsOf, mayReadVolunteer, mayReviewVolunteer } from './access';
import { certifiedMinutes } from './my-record';
import { maskName } from './presenter';
import { findVolunteer, findVolunteerById, findVolunteerOfUser, type VolunteerRow } from './repository';
import { starHours } from './stars';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 12 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');

/** Where the public check lives (shown on the certificate). */
/** The public check page (web /p/volunteer-certificates/:code), as a full address when PUBLIC_BASE_URL is set. */
export const certificateCheckPath = (code: string) =>
  `${(process.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '')}/p/volunteer-certificates/${code}`;

interface CertifiedActivity {
  title: string;
  starts_at: Date;
  place: string;
  organiser: string | null;
  certified_minutes: number;
}

async function certifiedActivities(db: Db, volunteerId: string): Promise<CertifiedActivity[]> {
  const r = await sql<CertifiedActivity>`
    select act.title, act.starts_at, act.place, coalesce(t.name, s.name) as organiser, a.certified_minutes
    from volunteer_attendance a join volunteer_activities act on act.id = a.activity_id
    left join volunteer_teams t on t.id = act.team_id left join volunteer_stations s on s.id = act.station_id
    where a.volunteer_id = ${volunteerId} and a.state = 'certified'
    order by act.starts_at, act.title`.execute(db);
  return r.rows;
}

/** The code of this volunteer's certificate, issuing it the first time (audited). */
async function issueCode(ctx: Ctx, v: VolunteerRow): Promise<{ code: string; issuedAt: Date }> {
  const existing = await ctx.db
    .selectFrom('volunteers')
    .select(['certificate_code', 'certificate_issued_at'])
    .where('id', '=', v.id)
    .executeTakeFirstOrThrow();
  if (existing.certificate_code) return { code: existing.certificate_code, issuedAt: existing.certificate_issued_at ?? v.created_at };
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const code = newCode();
    const set = await tx
      .updateTable('volunteers')
      .set({ certificate_code: code, certificate_issued_at: now })
      .where('id', '=', v.id)
      .where('certificate_code', 'is', null)
      .returning(['certificate_code', 'certificate_issued_at'])
      .executeTakeFirst();
    if (!set) {
      // Issued by a parallel request in the meantime: that code stands.
      const again = await tx
        .selectFrom('volunteers')
        .select(['certificate_code', 'certificate_issued_at'])
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      return { code: again.certificate_code!, issuedAt: again.certificate_issued_at ?? now };
    }
    await recordEvent(tx, ctx, {
      action: 'volunteer.certificate_issued',
      subjectType: 'volunteer',
      subjectId: v.id,
      after: { certificate_code: code },
    });
    return { code, issuedAt: now };
  });
}

/** The certificate of the signed-in volunteer, or (`volunteerId`) of a volunteer the team admin or office reviews. */
export async function buildCertificate(ctx: Ctx, volunteerId?: string): Promise<{ fileName: string; buffer: Buffer }> {
  let v: VolunteerRow | undefined;
  if (volunteerId) {
    const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
    v = await findVolunteerById(ctx.db, volunteerId);
    if (!v || !mayReadVolunteer(ctx.actor, v, adminTeams)) throw notFound('志愿者');
    if (v.user_id !== ctx.actor.id && !mayReviewVolunteer(ctx.actor, v, adminTeams)) {
      throw new AppError('forbidden', '只有队伍管理员或本区划创建办可以为志愿者出具证明');
    }
  } else {
    v = await findVolunteerOfUser(ctx.db, ctx.actor.id);
    if (!v) throw notFound('志愿者记录');
  }
  if (v.state !== 'approved') throw new AppError('unprocessable', '志愿者注册尚未通过审核，不能出具志愿服务证明');
  const { code } = await issueCode(ctx, v);
  const now = ctx.clock.now();
  const minutes = await certifiedMinutes(ctx.db, v.id, now);
  const activities = await certifiedActivities(ctx.db, v.id);
  const buffer = await certificateDocx({
    name: v.name,
    idNumber: v.id_number_masked,
    team: v.team_name,
    minutes: minutes.total,
    activities,
    date: now,
    code,
  });
  return { fileName: `志愿服务证明-${v.name}.docx`, buffer };
}

const CENTER = AlignmentType.CENTER;
const line = (
  text: string,
  font: 'title' | 'body' | 'heading',
  size: number,
  align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
  indent = true,
) =>
  new Paragraph({
    alignment: align,
    spacing: { line: Math.round(size * 32), lineRule: LineRuleType.EXACT },
    indent: indent ? { firstLine: Math.round(size * 40) } : undefined,
    children: [run(text, font, size)],
  });

async function certificateDocx(c: {
  name: string;
  idNumber: string;
  team: string;
  minutes: number;
  activities: CertifiedActivity[];
  date: Date;
  code: string;
}): Promise<Buffer> {
  const hours = hoursOf(c.minutes);
  const stars = starLevel(c.minutes, starHours());
  const rows = c.activities.map((a, i) => [
    String(i + 1),
    beijingDay(a.starts_at),
    a.title,
    a.organiser ?? '',
    hoursOf(a.certified_minutes).toFixed(1),
  ]);
  const doc = new Document({
    creator: c.team,
    title: '志愿服务证明',
    styles: { default: { document: { run: { font: { eastAsia: GONGWEN_FONTS.body.name }, size: PT.san * 2 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1700, bottom: 1500, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({ alignment: CENTER, spacing: { after: 300 }, children: [run('志愿服务证明', 'title', PT.er)] }),
          line(
            `兹证明 ${c.name}（公民身份号码 ${c.idNumber}）为${c.team}注册志愿者，截至${arabicDate(c.date)}，累计参加志愿服务活动 ${c.activities.length} 次，经组织单位认证的志愿服务时长共计 ${hours.toFixed(1)} 小时，${stars > 0 ? `评定为${starText(stars).replace(/^★+ /, '')}` : '尚未达到星级志愿者认定时长'}。`,
            'body',
            PT.san,
          ),
          line('特此证明。', 'body', PT.san),
          blankLine(),
          fieldTable([
            ['姓　　名', c.name],
            ['公民身份号码', c.idNumber],
            ['所属队伍', c.team],
            ['认证服务时长', `${hours.toFixed(1)} 小时`],
            ['星级', stars > 0 ? starText(stars) : '未评星'],
          ]),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          line('志愿服务记录（经认证）', 'heading', PT.si, AlignmentType.LEFT, false),
          rows.length
            ? table(
                [
                  { header: '序号', width: 8, align: 'center' },
                  { header: '日期', width: 18, align: 'center' },
                  { header: '活动名称', width: 40 },
                  { header: '组织单位', width: 26 },
                  { header: '时长/小时', width: 14, align: 'right' },
                ],
                rows,
              )
            : line('暂无经认证的志愿服务记录。', 'body', PT.xiaosi),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          line(`出具单位：${c.team}`, 'body', PT.san, AlignmentType.RIGHT, false),
          line(`出具日期：${arabicDate(c.date)}`, 'body', PT.san, AlignmentType.RIGHT, false),
          new Paragraph({ spacing: { before: 120 }, children: [] }),
          line(`证明验证码：${c.code}`, 'heading', PT.xiaosi, AlignmentType.LEFT, false),
          line(
            `本证明依据《志愿服务记录与证明出具办法（试行）》出具，身份证号码已作隐去处理。可在本平台“志愿服务证明查验”页面（${certificateCheckPath(c.code)}）输入验证码核验。`,
            'body',
            PT.wu,
            AlignmentType.LEFT,
            false,
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The public check: what anyone holding the code may read (the name masked, no ID number, no phone). */
export async function readPublicCertificate(db: Db, code: string): Promise<z.output<typeof publicCertificate>> {
  const v = await findVolunteer(db, sql`v.certificate_code = ${code} and v.state = 'approved'` as never);
  if (!v) throw new AppError('not_found', '未查到该验证码对应的志愿服务证明，请核对后重试');
  const issued = await db.selectFrom('volunteers').select('certificate_issued_at').where('id', '=', v.id).executeTakeFirstOrThrow();
  const activities = await certifiedActivities(db, v.id);
  return {
    code,
    name: maskName(v.name),
    teamName: v.team_name,
    certifiedHours: hoursOf(v.certified_minutes),
    stars: starLevel(v.certified_minutes, starHours()),
    activityCount: activities.length,
    issuedAt: issued.certificate_issued_at ?? v.created_at,
    issuer: v.team_name,
  };
}
