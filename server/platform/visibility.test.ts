/**
 * Covert secrecy (三不三无) as the JS predicates decide it for one loaded row: who may know a covert round and its
 * team, who may read a problem it found, and who sees the reporter as 暗访组. (The SQL forms are walked by the
 * secrecy sweep in test/integration/secrecy-sweep.test.ts.) County c (/c/), town t (/c/t/); another county d (/d/).
 */
import { describe, expect, it } from 'vitest';
import '../modules/inspections/policy';
import '../modules/problems/policy';
import {
  canReadProblem,
  COVERT_TEAM_LABEL,
  knowsCovertTeam,
  masksProblemReporter,
  masksRoundTeam,
  mayKnowRound,
  shownReporter,
  type ProblemSecrecyRow,
} from './visibility';
import { makeActor } from '../../test/support/actors';

const actor = makeActor;

const teamInspector = actor('insp-1', 'inspector', 'region', 'c', '/c/'); // on the round's team
const otherInspector = actor('insp-2', 'inspector', 'region', 'c', '/c/'); // same county, not on the team
const office = actor('office', 'office', 'region', 'c', '/c/'); // inspections.covert over the county
const leader = actor('leader', 'leader', 'region', 'c', '/c/'); // inspections.covert too
const townOffice = actor('office-t', 'office', 'region', 't', '/c/t/'); // covert role, but the round is county-wide
const otherOffice = actor('office-d', 'office', 'region', 'd', '/d/');
const unit = actor('liaison', 'unit_liaison', 'unit', 'uA', '/c/');
const taskforce = actor('taskforce', 'taskforce', 'campaign', 'k', '/c/');
const auditor = actor('auditor', 'auditor', 'global', null, null);

const round = { is_covert: true, released_at: null as Date | null, region_path: '/c/', team: ['insp-1'] };

describe('covert rounds', () => {
  it('are known before release only to the team and to covert roles covering the round region', () => {
    const knows = [teamInspector, otherInspector, office, leader, townOffice, otherOffice, unit, taskforce, auditor]
      .filter((a) => mayKnowRound(a, round))
      .map((a) => a.id);
    // A town office holds the covert role, but only over /c/t/: the round's region /c/ is above it.
    expect(knows).toEqual(['insp-1', 'office', 'leader']);
  });
  it('are known to everyone after release, and a routine round always', () => {
    const released = { ...round, released_at: new Date() };
    expect(mayKnowRound(unit, released)).toBe(true);
    expect(mayKnowRound(otherOffice, { ...round, is_covert: false })).toBe(true);
  });
  it("keep the team's names hidden after release from all but the team and covert roles", () => {
    // masksRoundTeam ignores release: the inspected must never learn who the covert team was.
    expect(masksRoundTeam(unit, round)).toBe(true);
    expect(masksRoundTeam(otherInspector, round)).toBe(true);
    expect(masksRoundTeam(teamInspector, round)).toBe(false);
    expect(masksRoundTeam(office, round)).toBe(false);
    expect(masksRoundTeam(unit, { ...round, is_covert: false })).toBe(false);
    expect(knowsCovertTeam(leader, round)).toBe(true);
  });
});

describe('problems found by a covert round', () => {
  const finding = (over: Partial<ProblemSecrecyRow & { reporter_name: string }> = {}): ProblemSecrecyRow & { reporter_name: string } => ({
    region_path: '/c/t/',
    unit_id: 'uA',
    reporter_id: 'insp-1',
    reporter_name: '张督查',
    round_hidden: true,
    round_is_covert: true,
    round_region_path: '/c/',
    round_team: ['insp-1'],
    ...over,
  });

  it('are unreadable before release to the unit and to in-scope readers outside the round', () => {
    expect(canReadProblem(unit, finding())).toBe(false);
    expect(canReadProblem(taskforce, finding())).toBe(false);
    expect(canReadProblem(otherInspector, finding())).toBe(false);
    expect(canReadProblem(teamInspector, finding())).toBe(true);
    expect(canReadProblem(office, finding())).toBe(true);
  });
  it('hide even from the reporter field: a team member reads it as a team member, not as reporter', () => {
    // The reporter rule ("whoever reported may follow it") does not open a hidden finding to anyone outside the team.
    expect(canReadProblem(unit, finding({ reporter_id: 'liaison' }))).toBe(false);
  });
  it('open to their normal readers after release, and never to another county', () => {
    const released = finding({ round_hidden: false });
    expect(canReadProblem(unit, released)).toBe(true);
    expect(canReadProblem(taskforce, released)).toBe(true);
    expect(canReadProblem(otherOffice, released)).toBe(false);
  });
  it('show the reporter as 暗访组 to everyone outside the team, before and after release', () => {
    for (const hidden of [true, false]) {
      const p = finding({ round_hidden: hidden });
      expect(shownReporter(unit, p)).toEqual({ id: null, name: COVERT_TEAM_LABEL });
      expect(shownReporter(otherInspector, p)).toEqual({ id: null, name: '暗访组' });
      expect(shownReporter(teamInspector, p)).toEqual({ id: 'insp-1', name: '张督查' });
      expect(shownReporter(office, p)).toEqual({ id: 'insp-1', name: '张督查' });
    }
  });
  it('show an ordinary report with its reporter, and let the reporter follow it out of scope', () => {
    const ordinary = finding({
      round_hidden: false,
      round_is_covert: false,
      round_region_path: null,
      round_team: [],
      reporter_id: 'office-d',
      reporter_name: '外县',
    });
    expect(masksProblemReporter(unit, ordinary)).toBe(false);
    expect(shownReporter(unit, ordinary)).toEqual({ id: 'office-d', name: '外县' });
    // Out of their own scope, the reporter still reads what they reported.
    expect(canReadProblem(otherOffice, ordinary)).toBe(true);
    expect(canReadProblem(actor('someone-d', 'office', 'region', 'd', '/d/'), ordinary)).toBe(false);
  });
});
