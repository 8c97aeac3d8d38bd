/**
 * 慈善之家: rules shared by the server and the web — the 统一社会信用代码 check (GB 32100-2015), organisation and
 * project states, project categories, ledger entry kinds and the ledger's sums (raised, spent, balance) as the
 * public page shows them. Amounts are integers in fen (分); the yuan text is only for display.
 */

// ---- 统一社会信用代码 (GB 32100-2015) ------------------------------------------------------------------------------

/** The 31 characters of the code (no I, O, S, V, Z), in value order 0–30. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i-1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code, or null when one of them is not allowed. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/**
 * Whether a code is a well-formed 统一社会信用代码: 18 characters — 登记管理部门 (1–9, A–N, Y), 机构类别, a six-digit
 * 行政区划代码, the nine-character 主体标识码 and the check character computed by GB 32100's weights mod 31.
 */
export function isValidUscc(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return false;
  return usccCheckChar(c.slice(0, 17)) === c[17];
}

// ---- organisations and projects ------------------------------------------------------------------------------------

export const CHARITY_ORG_STATUSES = ['active', 'inactive', 'deregistered'] as const;
export type CharityOrgStatus = (typeof CHARITY_ORG_STATUSES)[number];
export const CHARITY_ORG_STATUS_LABELS: Record<CharityOrgStatus, string> = {
  active: '正常',
  inactive: '停止活动',
  deregistered: '注销',
};

export const CHARITY_ORG_KINDS = ['association', 'foundation', 'social_service', 'other'] as const;
export type CharityOrgKind = (typeof CHARITY_ORG_KINDS)[number];
export const CHARITY_ORG_KIND_LABELS: Record<CharityOrgKind, string> = {
  association: '社会团体',
  foundation: '基金会',
  social_service: '社会服务机构',
  other: '其他',
};

export const CHARITY_CATEGORIES = ['education', 'elderly', 'disability', 'disaster', 'poverty', 'other'] as const;
export type CharityCategory = (typeof CHARITY_CATEGORIES)[number];
export const CHARITY_CATEGORY_LABELS: Record<CharityCategory, string> = {
  education: '助学',
  elderly: '助老',
  disability: '助残',
  disaster: '应急救灾',
  poverty: '扶贫济困',
  other: '其他',
};

export const CHARITY_PROJECT_STATUSES = ['preparing', 'active', 'closed'] as const;
export type CharityProjectStatus = (typeof CHARITY_PROJECT_STATUSES)[number];
export const CHARITY_PROJECT_STATUS_LABELS: Record<CharityProjectStatus, string> = {
  preparing: '筹备中',
  active: '进行中',
  closed: '已结束',
};

// ---- the ledger ----------------------------------------------------------------------------------------------------

export const CHARITY_ENTRY_KINDS = ['donation', 'spending'] as const;
export type CharityEntryKind = (typeof CHARITY_ENTRY_KINDS)[number];
export const CHARITY_ENTRY_KIND_LABELS: Record<CharityEntryKind, string> = { donation: '捐赠', spending: '支出' };

export const CHARITY_DONATION_TYPES = ['money', 'goods'] as const;
export type CharityDonationType = (typeof CHARITY_DONATION_TYPES)[number];
export const CHARITY_DONATION_TYPE_LABELS: Record<CharityDonationType, string> = { money: '资金', goods: '物资' };

/** What the public ledger shows for a donor who asked not to be named. */
export const ANONYMOUS_DONOR = '匿名';

/** Receipts: JPEG, PNG or PDF, typed by their bytes, at most 10 MB. */
export const CHARITY_RECEIPT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const CHARITY_RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

/** One entry as the sums see it: its kind, its amount in fen, and whether a later correction replaced it. */
export interface LedgerEntryForSum {
  kind: CharityEntryKind;
  amountFen: number;
  isSuperseded: boolean;
}

export interface LedgerSums {
  raisedFen: number;
  spentFen: number;
  balanceFen: number;
}

/**
 * The ledger's sums: raised = donations (money at its amount, goods at their estimated value), spent = spending
 * entries, balance = raised − spent. An entry replaced by a correction counts no more; its correction counts instead.
 * The server computes the same in SQL (repository.ts); tests hold the two equal.
 */
export function ledgerSums(entries: readonly LedgerEntryForSum[]): LedgerSums {
  let raisedFen = 0;
  let spentFen = 0;
  for (const e of entries) {
    if (e.isSuperseded) continue;
    if (e.kind === 'donation') raisedFen += e.amountFen;
    else spentFen += e.amountFen;
  }
  return { raisedFen, spentFen, balanceFen: raisedFen - spentFen };
}

/** Fen as yuan text: 123456 → "1,234.56". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan as typed by a person ("1234.5") → fen, or null when it is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
