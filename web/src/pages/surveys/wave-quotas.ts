/**
 * The quota preview of the wave editor: the same `allocateQuotas` (common/surveys.ts) the server runs, over the same
 * cells in the same order — the population rows as entered (town × respondent group), each split into 男 and 女 with half
 * the population when the wave quotas by gender.
 */
import { allocateQuotas, GENDERS } from '@common/surveys';

export interface PopulationCell {
  townId: string;
  groupCode: string;
  population: number;
}

export interface PreviewCell extends PopulationCell {
  gender: string;
  quota: number;
}

export function previewQuotas(target: number, rows: PopulationCell[], byGender: boolean): PreviewCell[] {
  const cells: Array<PopulationCell & { gender: string }> = byGender
    ? rows.flatMap((r) => GENDERS.map((g) => ({ ...r, gender: g, population: r.population / 2 })))
    : rows.map((r) => ({ ...r, gender: '' }));
  const quotas = allocateQuotas(
    Math.max(0, Math.floor(target || 0)),
    cells.map((c) => c.population),
  );
  return cells.map((c, i) => ({ ...c, quota: quotas[i] }));
}

export const cellKey = (townId: string, groupCode: string) => `${townId}|${groupCode}`;

/** Quota per town × group (both genders together) from the preview. */
export function quotaByCell(preview: PreviewCell[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of preview) out.set(cellKey(c.townId, c.groupCode), (out.get(cellKey(c.townId, c.groupCode)) ?? 0) + c.quota);
  return out;
}

/**
 * The server's validation answer (`输入有误：name：请填写调查名称；endsOn：…`) split by field, for the form. Fields the
 * form has not got (population.3.population) come back under their first segment.
 */
export function fieldErrors(message: string): Array<{ field: string; message: string }> {
  const body = message.replace(/^输入有误：/, '');
  if (body === message) {
    // A check of the command (422): `questionnaireId：问卷不存在…` or plain text.
    const m = /^([A-Za-z][\w.]*)：(.+)$/s.exec(message);
    return m ? [{ field: m[1], message: m[2] }] : [];
  }
  return body
    .split('；')
    .map((part) => {
      const at = part.indexOf('：');
      return at < 0 ? { field: '', message: part } : { field: part.slice(0, at), message: part.slice(at + 1) };
    })
    .filter((e) => e.message);
}
