/** 发布暗访结果, behind a confirmation that says what release changes. */
import { SendOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useReleaseRound, type RoundDetail } from '../../api/inspections';
import { notifySuccess } from '../../components/notify';

/** Release button (shown when abilities.release). */
export function ReleaseButton({ round }: { round: RoundDetail }) {
  const { modal } = App.useApp();
  const release = useReleaseRound();
  const visited = round.sites.filter((s) => s.visitId).length;
  const confirm = () =>
    modal.confirm({
      title: `发布暗访结果「${round.name}」？`,
      content: (
        <>
          <p>发布后，被督查单位将能看到本轮暗访的点位、时间和发现的问题，问题即可派遣整改。</p>
          <p>
            已测评 {visited} / {round.sites.length} 个点位。发布不可撤销。
          </p>
        </>
      ),
      okText: '确认发布',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => release.mutateAsync(round.id).then(() => notifySuccess('暗访结果已发布')),
    });
  return (
    <Button danger icon={<SendOutlined aria-hidden />} loading={release.isPending} onClick={confirm}>
      发布暗访结果
    </Button>
  );
}
