/**
 * A round's name joined with its kind for the titles of its documents, never repeating a word: 第3轮暗访 + 暗访 →
 * 第3轮暗访 (not 第3轮暗访暗访), 十一月督查 + 日常督查 → 十一月日常督查, 城区农贸市场 + 暗访 → 城区农贸市场暗访.
 */
import { labelOf } from '../../../common/labels';
import { ROUND_KIND_LABELS } from '../../../common/inspections';

/** Name + kind label without a repeated word. */
export function joinWithoutRepeat(name: string, kind: string): string {
  const n = name.trim();
  if (!kind || n.includes(kind)) return n;
  // The name ends where the kind begins (…暗 + 暗访): overlap them.
  for (let k = kind.length - 1; k >= 1; k -= 1) if (n.endsWith(kind.slice(0, k))) return n + kind.slice(k);
  // The name ends with the kind's last word (…督查 + 日常督查): the kind replaces that word.
  for (let k = Math.min(kind.length - 1, 2); k >= 2; k -= 1) if (n.endsWith(kind.slice(-k))) return n.slice(0, -k) + kind;
  return n + kind;
}

/** A round's subject: its name with its kind (暗访, 日常督查, …) unless the name says it already. */
export function roundSubject(r: { name: string; kind: string }): string {
  return joinWithoutRepeat(r.name, labelOf(ROUND_KIND_LABELS, r.kind));
}

/** True when a title repeats a word of two or more characters back to back (暗访暗访). */
export function hasRepeatedWord(title: string): boolean {
  return /(\p{Script=Han}{2,})\1/u.test(title);
}
