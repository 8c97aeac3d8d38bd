/**
 * 队伍花名册 (.xlsx): a team's volunteers with Chinese headers — ID numbers masked, phones as the reader may see them
 * (in full for the team's admins, masked for everyone else) — for the team's admins, the office and leaders of its
 * region.
 */
import { VOLUNTEER_STATE_LABELS, hoursOf, starText } from '../../../common/volunteers';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { buildWorkbook, type SheetColumn } from '../../platform/xlsx';
import { adminTeamIdsOf, mayReadVolunteer } from './access';
import { toVolunteerDto } from './presenter';
import { findTeam, visibleVolunteers } from './repository';

const COLUMNS: SheetColumn[] = [
  { header: '姓名', width: 12 },
  { header: '性别', width: 6 },
  { header: '手机号码', width: 16 },
  { header: '身份证号码（隐去）', width: 24 },
  { header: '服务技能', width: 30 },
  { header: '服务时间', width: 20 },
  { header: '状态', width: 10 },
  { header: '认证时长（小时）', width: 16, kind: 'number', numFmt: '0.0' },
  { header: '星级', width: 16 },
  { header: '注册时间', width: 14, kind: 'date' },
];

export async function exportRoster(ctx: Ctx, teamId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const team = await findTeam(ctx.db, teamId);
  // The roster is for those who read the team's volunteers (not every volunteer of the region).
  if (!team || !mayReadVolunteer(ctx.actor, { team_id: team.id, team_region_path: team.region_path, user_id: '' }, adminTeams)) {
    throw notFound('队伍');
  }
  const rows: unknown[][] = [];
  for (let page = 1; ; page++) {
    const got = await visibleVolunteers(ctx.db, ctx.actor, adminTeams, { teamId, page, pageSize: 500, sort: 'name', order: 'asc' });
    for (const r of got.rows) {
      const v = toVolunteerDto(r, ctx.actor, adminTeams);
      rows.push([
        v.name,
        v.gender === 'male' ? '男' : v.gender === 'female' ? '女' : '',
        v.phone,
        v.idNumber,
        v.skills.join('、'),
        v.availability ?? '',
        VOLUNTEER_STATE_LABELS[v.state],
        hoursOf(v.certifiedMinutes),
        starText(v.stars),
        v.createdAt,
      ]);
    }
    if (got.rows.length < 500) break;
  }
  const buffer = await buildWorkbook('花名册', COLUMNS, rows, { title: `${team.name}志愿者花名册`, now: ctx.clock.now() });
  return { fileName: `${team.name}志愿者花名册.xlsx`, buffer };
}
