/** 未提交 / 待审核 / 已通过 / 已退回. */
import { labelOf } from '@common/labels';
import { Tag } from 'antd';
import { MATERIAL_STATUS_LABELS } from '../../api/materials';

const COLORS: Record<string, string | undefined> = { missing: 'red', submitted: 'processing', passed: 'success', returned: 'warning' };

/** Status tag. */
export function MaterialStatusTag({ status }: { status: string }) {
  return (
    <Tag color={COLORS[status]} variant={status === 'missing' ? 'outlined' : undefined} style={{ marginInlineEnd: 0 }}>
      {labelOf(MATERIAL_STATUS_LABELS, status)}
    </Tag>
  );
}
