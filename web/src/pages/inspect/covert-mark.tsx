/** A discreet marker for an unreleased covert round, shown only to those who can see the round (its team). */
import { EyeInvisibleOutlined } from '@ant-design/icons';
import { ROUND_KIND_LABELS } from '@common/inspections';
import { Tooltip } from 'antd';

/** Small grey 暗访 mark. */
export function CovertMark() {
  return (
    <Tooltip title="暗访：不告知、不见面、不解释，发布前请勿向被督查单位透露">
      <span
        aria-label={ROUND_KIND_LABELS.covert}
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 2,
          fontSize: 11,
          color: 'rgba(0,0,0,.45)',
          border: '1px solid #e5e5e5',
          borderRadius: 4,
          padding: '0 4px',
          lineHeight: '18px',
          fontWeight: 400,
          flexShrink: 0,
        }}
      >
        <EyeInvisibleOutlined aria-hidden />
        {ROUND_KIND_LABELS.covert}
      </span>
    </Tooltip>
  );
}
