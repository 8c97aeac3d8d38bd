/** 慈善之家 display helpers shared by its pages: yuan, status and category tags. */
import {
  CHARITY_CATEGORY_LABELS,
  CHARITY_ORG_STATUS_LABELS,
  CHARITY_PROJECT_STATUS_LABELS,
  formatYuan,
  type CharityCategory,
  type CharityOrgStatus,
  type CharityProjectStatus,
} from '@common/charity';
import { Tag } from 'antd';

/** ¥1,234.56 */
export const yuan = (fen: number) => `¥${formatYuan(fen)}`;

const ORG_COLORS: Record<CharityOrgStatus, string> = { active: 'green', inactive: 'orange', deregistered: 'default' };
const PROJECT_COLORS: Record<CharityProjectStatus, string> = { preparing: 'blue', active: 'green', closed: 'default' };

export function OrgStatusTag({ status }: { status: CharityOrgStatus }) {
  return <Tag color={ORG_COLORS[status]}>{CHARITY_ORG_STATUS_LABELS[status]}</Tag>;
}

export function ProjectStatusTag({ status }: { status: CharityProjectStatus }) {
  return <Tag color={PROJECT_COLORS[status]}>{CHARITY_PROJECT_STATUS_LABELS[status]}</Tag>;
}

export function CategoryTag({ category }: { category: CharityCategory }) {
  return <Tag color="magenta">{CHARITY_CATEGORY_LABELS[category]}</Tag>;
}
