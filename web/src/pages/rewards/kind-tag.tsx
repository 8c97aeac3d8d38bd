/** A reward/penalty kind as a tag: rewards in red (喜报), penalties plain. */
import { REWARD_KIND_LABELS, REWARD_KIND_SIDE, type RewardKind } from '@common/reward-workflow';
import { Tag } from 'antd';

export function KindTag({ kind }: { kind: RewardKind }) {
  return <Tag color={REWARD_KIND_SIDE[kind] === 'reward' ? 'red' : 'default'}>{REWARD_KIND_LABELS[kind]}</Tag>;
}
