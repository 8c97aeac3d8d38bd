/**
 * 好人之城: who may do what, by role. The office of a region runs its selections (create, change, verify, exclude
 * votes, enter review scores, publish) and those of the regions below; leaders and the task force oversee them
 * (nominations with contacts, votes, flags, results). Units (head, liaison) and the offices below nominate into a
 * selection whose area holds them, and read their own nominations; access.ts turns this into record checks and SQL.
 */
import { definePolicy } from '../../platform/policy';

export const honoursPolicy = definePolicy('honours', {
  /** Selections of the area the actor sits in or covers (titles, schedule, counts). */
  read: ['office', 'leader', 'taskforce', 'unit_head', 'unit_liaison'],
  /** Nominations with contacts, votes, flags and results of the region. */
  oversee: ['office', 'leader', 'taskforce'],
  /** Create and change selections, verify nominations, exclude votes, review scores, publish, forward winners up. */
  manage: ['office'],
  /** Nominate into a selection whose area holds the actor (a unit nominates as itself). */
  nominate: ['office', 'unit_head', 'unit_liaison'],
});
