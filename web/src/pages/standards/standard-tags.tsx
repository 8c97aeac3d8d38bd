/** Tags shared by the standards and materials pages: 测评方法, 牵头/责任, 负面清单, 版本来源. */
import { STANDARD_METHOD_LABELS } from '@common/inspections';
import { labelOf } from '@common/labels';
import { Tag } from 'antd';
import { STANDARD_ROLE_LABELS, VERSION_SOURCE_LABELS } from '../../api/standards';

const METHOD_COLORS: Record<string, string | undefined> = { field: 'blue', survey: 'purple', material: 'orange', other: undefined };
const SOURCE_COLORS: Record<string, string | undefined> = { import: 'blue', starter: 'green', clone: 'gold' };

/** 实地考察 / 问卷调查 / 材料审核 / 其他. */
export function MethodTag({ method }: { method: string }) {
  return (
    <Tag color={METHOD_COLORS[method]} style={{ marginInlineEnd: 0 }}>
      {labelOf(STANDARD_METHOD_LABELS, method)}
    </Tag>
  );
}

/** 牵头 (solid) or 责任. */
export function RoleTag({ role }: { role: string }) {
  return (
    <Tag color={role === 'lead' ? 'geekblue' : undefined} variant={role === 'lead' ? 'solid' : undefined} style={{ marginInlineEnd: 0 }}>
      {labelOf(STANDARD_ROLE_LABELS, role)}
    </Tag>
  );
}

/** Red 负面清单 tag. */
export function NegativeTag() {
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      负面清单
    </Tag>
  );
}

/** 导入 / 内置 / 复制. */
export function SourceTag({ source }: { source: string }) {
  return (
    <Tag color={SOURCE_COLORS[source]} style={{ marginInlineEnd: 0 }}>
      {labelOf(VERSION_SOURCE_LABELS, source)}
    </Tag>
  );
}
