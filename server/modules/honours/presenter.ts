/** 好人之城: rows → API shapes (staff answers with abilities; public answers without contacts or recommenders). */
import { beijingDay, selectionPhase } from '../../../common/honours';
import type { Actor } from '../../platform/actor';
import { mayManageSelection, mayNominate, mayOversee } from './access';
import type { NominationRow, SelectionRow } from './repository';

/** The phase of a selection on the app clock's Beijing day. */
export function phaseOf(s: SelectionRow, now: Date) {
  return selectionPhase(
    {
      state: s.state,
      nominationStartsOn: s.nomination_starts_on,
      nominationEndsOn: s.nomination_ends_on,
      votingStartsOn: s.voting_starts_on,
      votingEndsOn: s.voting_ends_on,
      publishOn: s.publish_on,
    },
    beijingDay(now),
  );
}

/** A selection as staff see it. */
export function presentSelection(s: SelectionRow, actor: Actor, now: Date) {
  const phase = phaseOf(s, now);
  const manage = mayManageSelection(actor, s);
  const open = s.state === 'open';
  return {
    id: s.id,
    regionId: s.region_id,
    regionName: s.region_name,
    level: s.region_level,
    kind: s.kind,
    title: s.title,
    period: s.period,
    categories: s.categories,
    categoryQuotas: s.category_quotas,
    description: s.description,
    nominationStartsOn: s.nomination_starts_on,
    nominationEndsOn: s.nomination_ends_on,
    votingStartsOn: s.voting_starts_on,
    votingEndsOn: s.voting_ends_on,
    publishOn: s.publish_on,
    winnersCount: s.winners_count,
    voteWeight: s.vote_weight,
    reviewWeight: s.review_weight,
    state: s.state,
    phase,
    publishedAt: s.published_at,
    counts: mayOversee(actor, s)
      ? { nominations: s.nominations, pending: s.pending, candidates: s.candidates, votes: s.votes, flagged: s.flagged }
      : { nominations: 0, pending: 0, candidates: s.candidates, votes: 0, flagged: 0 },
    version: s.version,
    abilities: {
      update: manage && open,
      verify: manage && open,
      nominate: open && (phase === 'nominating' || phase === 'upcoming') && mayNominate(actor, s),
      exclude: manage && open,
      score: manage && open,
      publish: manage && open && phase === 'reviewing',
    },
  };
}

/** A nomination as staff who may read it see it (contacts included: they are the ones who call). */
export function presentNomination(n: NominationRow, actor: Actor, selection: SelectionRow) {
  const manage = mayManageSelection(actor, selection) && selection.state === 'open';
  return {
    id: n.id,
    selectionId: n.selection_id,
    selectionTitle: n.selection_title,
    categoryCode: n.category_code,
    categoryName: n.category_name,
    nomineeName: n.nominee_name,
    gender: n.gender,
    age: n.age,
    affiliation: n.affiliation,
    headline: n.headline,
    story: n.story,
    source: n.source,
    unitName: n.unit_name,
    recommenderName: n.recommender_name,
    contactName: n.contact_name,
    contactPhone: n.contact_phone,
    state: n.state,
    verificationNote: n.verification_note,
    rejectReason: n.reject_reason,
    verifiedAt: n.verified_at,
    reviewScore: n.review_score,
    isWinner: n.is_winner,
    forwardedFrom: n.forwarded_from,
    forwardedTo: n.forwarded_to,
    photos: n.photos,
    materials: n.materials,
    createdAt: n.created_at,
    version: n.version,
    abilities: {
      approve: manage && n.state === 'submitted',
      reject: manage && n.state === 'submitted',
      forward: mayManageSelection(actor, selection) && n.is_winner,
    },
  };
}

/** A selection on the public pages. */
export function presentPublicSelection(s: SelectionRow, now: Date) {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    period: s.period,
    regionName: s.region_name,
    level: s.region_level,
    phase: phaseOf(s, now),
    nominationStartsOn: s.nomination_starts_on,
    nominationEndsOn: s.nomination_ends_on,
    votingStartsOn: s.voting_starts_on,
    votingEndsOn: s.voting_ends_on,
    publishedAt: s.published_at,
  };
}
