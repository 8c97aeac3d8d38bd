/** The rules that colour the plan tree and the battle map, worked by hand. */
import { describe, expect, it } from 'vitest';
import { daysBetween, daysToHandover, elapsedShare, progressDueDate, projectStatus, taskStatus, type MilestoneInput } from './tasks';

const task = (percent: number, completedAt: string | null = null) => ({
  startDate: '2026-11-01',
  dueDate: '2026-11-30',
  percent,
  completedAt,
});

describe('taskStatus', () => {
  it('未开始 before the start with nothing done; 进行中 once started or reported', () => {
    expect(taskStatus(task(0), '2026-10-31')).toBe('not_started');
    expect(taskStatus(task(10), '2026-10-31')).toBe('in_progress');
    expect(taskStatus(task(0), '2026-11-01')).toBe('in_progress'); // 1/30 of the time gone: 3.3 points behind
  });
  it('滞后 when the time gone exceeds the percent done by more than 15 points', () => {
    // 2026-11-15: 15 of 30 days → 50 %. 35 % done is exactly 15 behind (进行中); 34 % is 16 behind (滞后).
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-15')).toBe(0.5);
    expect(taskStatus(task(35), '2026-11-15')).toBe('in_progress');
    expect(taskStatus(task(34), '2026-11-15')).toBe('behind');
  });
  it('逾期 the day after the due date unless done; 已完成 whatever the date once complete', () => {
    expect(taskStatus(task(99), '2026-11-30')).toBe('in_progress');
    expect(taskStatus(task(99), '2026-12-01')).toBe('overdue');
    expect(taskStatus(task(100), '2026-12-01')).toBe('done');
    expect(taskStatus(task(80, '2026-11-20T02:00:00Z'), '2027-01-01')).toBe('done');
  });
  it('a one-day task: the whole span is gone on the day', () => {
    expect(elapsedShare('2026-11-10', '2026-11-10', '2026-11-10')).toBe(1);
    expect(taskStatus({ startDate: '2026-11-10', dueDate: '2026-11-10', percent: 90, completedAt: null }, '2026-11-10')).toBe(
      'in_progress',
    );
    expect(taskStatus({ startDate: '2026-11-10', dueDate: '2026-11-10', percent: 80, completedAt: null }, '2026-11-10')).toBe('behind');
  });
});

describe('progressDueDate and days', () => {
  it('the 25th of the month reported, or its last day if shorter', () => {
    expect(progressDueDate('2026-11')).toBe('2026-11-25');
    expect(progressDueDate('2026-02', 30)).toBe('2026-02-28');
    expect(progressDueDate('2028-02', 31)).toBe('2028-02-29');
  });
  it('counts calendar days across a month and a year', () => {
    expect(daysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysToHandover('2026-12-31', '2026-12-09')).toBe(22);
    expect(daysToHandover('2026-12-01', '2026-12-09')).toBe(-8);
  });
});

describe('projectStatus', () => {
  const plan = (actual: Partial<Record<MilestoneInput['kind'], string>>): MilestoneInput[] =>
    (
      [
        ['approval', '2026-09-01'],
        ['design', '2026-09-20'],
        ['start', '2026-10-10'],
        ['structure', '2026-11-20'],
        ['acceptance', '2026-12-15'],
        ['handover', '2026-12-31'],
      ] as const
    ).map(([kind, plannedDate]) => ({ kind, plannedDate, actualDate: actual[kind] ?? null }));
  it('未开工 before anything started and before the first planned date', () => {
    expect(projectStatus(plan({}), '2026-12-31', '2026-08-20')).toBe('not_started');
  });
  it('进度滞后 once a planned date passes without its actual date', () => {
    expect(projectStatus(plan({ approval: '2026-09-01', design: '2026-09-18' }), '2026-12-31', '2026-10-11')).toBe('behind');
    expect(projectStatus(plan({}), '2026-12-31', '2026-09-02')).toBe('behind');
  });
  it('按计划推进 while every passed date has its actual date', () => {
    expect(projectStatus(plan({ approval: '2026-09-01', design: '2026-09-18', start: '2026-10-09' }), '2026-12-31', '2026-11-01')).toBe(
      'on_track',
    );
  });
  it('已交账 with the hand-over recorded; 逾期未交账 after the hand-over date without it', () => {
    const all = {
      approval: '2026-09-01',
      design: '2026-09-18',
      start: '2026-10-09',
      structure: '2026-11-19',
      acceptance: '2026-12-14',
      handover: '2026-12-30',
    };
    expect(projectStatus(plan(all), '2026-12-31', '2027-01-05')).toBe('done');
    expect(projectStatus(plan({ ...all, handover: undefined }), '2026-12-31', '2027-01-01')).toBe('overdue');
  });
});
