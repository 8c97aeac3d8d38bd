/** A danger link button behind a Popconfirm, for destructive actions on a table row. */
import { Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  /** What is removed, e.g. 单位「城关镇」. */
  subject: string;
  onConfirm: () => Promise<unknown>;
  label?: string;
  description?: ReactNode;
}

/** 删除 with confirmation; the popup waits for the request. */
export function ConfirmDelete({ subject, onConfirm, label = '删除', description }: Props) {
  return (
    <Popconfirm
      title={`${label}${subject}`}
      description={description ?? '此操作不可撤销，确定吗？'}
      okText={label}
      cancelText="取消"
      okButtonProps={{ danger: true }}
      onConfirm={() => onConfirm().catch(() => undefined)}
    >
      <Button type="link" danger size="small" aria-label={`${label}${subject}`} style={{ paddingInline: 4 }}>
        {label}
      </Button>
    </Popconfirm>
  );
}
