/** 退回 marker: a unit sent the problem back and it waits for the office to dispatch it again. */
import { Tag, Tooltip } from 'antd';
import type { Problem } from '../../api/problems';

/** Shown while a returned problem waits (已立案 after a 退回); nothing otherwise. */
export function DisputedTag({ problem }: { problem: Pick<Problem, 'state' | 'disputeCount'> }) {
  if (problem.state !== 'accepted' || problem.disputeCount === 0) return null;
  return (
    <Tooltip title={`责任单位已退回${problem.disputeCount > 1 ? ` ${problem.disputeCount} 次` : ''}，待重新派遣（退回理由见办理记录）`}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        退回待派遣
      </Tag>
    </Tooltip>
  );
}
