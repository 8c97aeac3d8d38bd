/** Loads a site's checklist (server or, offline, the phone's copy) and starts its draft from what the server saved. */
import { useEffect, useMemo } from 'react';
import { useChecklist, useRound, type Checklist } from '../../api/inspections';
import { draftKey, seedDraft, type DraftItem, type VisitDraft } from '../../components/visit-outbox';
import { useSiteDraft } from './use-visit-drafts';

function itemsFrom(checklist: Checklist): Record<string, DraftItem> {
  return Object.fromEntries(
    checklist.items.map((i) => [
      i.standardId,
      {
        verdict: i.verdict,
        note: i.note ?? '',
        photos: i.photoIds.map((id, n) => ({ localId: id, fileId: id, name: `照片${n + 1}.jpg` })),
      },
    ]),
  );
}

function problemsFrom(checklist: Checklist): VisitDraft['problems'] {
  return Object.fromEntries(checklist.items.filter((i) => i.problemId).map((i) => [i.standardId, { problemId: i.problemId!, code: '' }]));
}

/** The checklist page's data. */
export function useChecklistDraft(userId: string | null, roundId: string | undefined, siteId: string | undefined) {
  const round = useRound(roundId);
  const checklist = useChecklist(roundId, siteId);
  const key = userId && roundId && siteId ? draftKey(userId, roundId, siteId) : null;
  const site = useSiteDraft(key);
  const roundName = round.data?.name;
  const covert = !!round.data?.isCovert && !round.data?.releasedAt;

  useEffect(() => {
    const c = checklist.data;
    if (!userId || !roundId || !siteId || !c) return;
    void seedDraft({
      userId,
      roundId,
      siteId,
      roundName: roundName ?? '',
      siteName: c.site.name,
      covert,
      checklist: c.items.map(({ standardId, code, text, points, contentName, negative }) => ({
        standardId,
        code,
        text,
        points,
        contentName,
        negative,
      })),
      items: itemsFrom(c),
      problems: problemsFrom(c),
    }).catch(() => undefined);
  }, [checklist.data, userId, roundId, siteId, roundName, covert]);

  const groups = useMemo(() => {
    const out: Array<{ name: string; standards: VisitDraft['checklist'] }> = [];
    for (const s of site.draft?.checklist ?? []) {
      const g = out.find((x) => x.name === s.contentName);
      if (g) g.standards.push(s);
      else out.push({ name: s.contentName, standards: [s] });
    }
    return out;
  }, [site.draft?.checklist]);

  return { round, checklist, key, groups, ...site };
}
