/**
 * 一位推荐对象: the story, photos and verification materials, the contact (staff who may read it), the verification
 * (审核通过 / 不予通过 for the office), and — for a published winner — 推送上级 to an open selection above.
 */
import { NOMINATION_SOURCE_LABELS } from '@common/honours';
import { Alert, Button, Descriptions, Image, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useForwardNomination, useForwardTargets, useNomination } from '../../api/honours';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { NominationStateTag, SourceTag } from './honours-format';
import { VerifyDialog } from './verify-dialog';

export default function NominationPage() {
  const { id } = useParams();
  const q = useNomination(id);
  const [verify, setVerify] = useState<'approve' | 'reject' | null>(null);
  const [forwarding, setForwarding] = useState(false);
  const [target, setTarget] = useState<string | undefined>();
  const targets = useForwardTargets(id, forwarding);
  const forward = useForwardNomination();
  if (q.isLoading) return <PageLoading />;
  if (!q.data) return <Alert type="error" showIcon title={q.error?.message ?? '推荐对象不存在或无权查看'} />;
  const n = q.data;
  return (
    <>
      <PageTitle
        title={n.nomineeName}
        subTitle={<NominationStateTag state={n.state} isWinner={n.isWinner} />}
        extra={
          <Space wrap>
            {n.abilities.approve && (
              <Button type="primary" onClick={() => setVerify('approve')}>
                审核通过
              </Button>
            )}
            {n.abilities.reject && (
              <Button danger onClick={() => setVerify('reject')}>
                不予通过
              </Button>
            )}
            {n.abilities.forward && <Button onClick={() => setForwarding(true)}>推送上级</Button>}
          </Space>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="评选">
          <Link to={`/honours/selections/${n.selectionId}`}>{n.selectionTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="类别">{n.categoryName}</Descriptions.Item>
        <Descriptions.Item label="来源">
          <SourceTag source={n.source} /> {n.unitName ?? n.recommenderName ?? NOMINATION_SOURCE_LABELS[n.source]}
        </Descriptions.Item>
        <Descriptions.Item label="单位或住址">{n.affiliation ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系人（不公开）">
          {n.contactName} <a href={`tel:${n.contactPhone}`}>{n.contactPhone}</a>
        </Descriptions.Item>
        <Descriptions.Item label="推荐时间">{formatTime(n.createdAt)}</Descriptions.Item>
        {n.forwardedFrom && (
          <Descriptions.Item label="推送自">
            {n.forwardedFrom.regionName}：{n.forwardedFrom.selectionTitle}
          </Descriptions.Item>
        )}
        {n.forwardedTo.length > 0 && (
          <Descriptions.Item label="已推送至">
            {n.forwardedTo.map((x) => `${x.regionName}：${x.selectionTitle}`).join('；')}
          </Descriptions.Item>
        )}
        {n.verificationNote && <Descriptions.Item label="核实情况">{n.verificationNote}</Descriptions.Item>}
        {n.rejectReason && <Descriptions.Item label="不予通过理由">{n.rejectReason}</Descriptions.Item>}
        {n.reviewScore !== null && <Descriptions.Item label="评审得分">{n.reviewScore}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5}>{n.headline}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.story}</Typography.Paragraph>
      {n.photos.length > 0 && (
        <>
          <Typography.Title level={5}>照片</Typography.Title>
          <Image.PreviewGroup>
            <Space wrap>
              {n.photos.map((p) => (
                <Image key={p.fileId} width={120} src={`/api/files/${p.fileId}/thumbnail`} alt={`${n.nomineeName}照片`} />
              ))}
            </Space>
          </Image.PreviewGroup>
        </>
      )}
      {n.materials.length > 0 && (
        <>
          <Typography.Title level={5}>核实材料</Typography.Title>
          <Space wrap>
            {n.materials.map((p) => (
              <Image key={p.fileId} width={120} src={`/api/files/${p.fileId}/thumbnail`} alt={p.name ?? '核实材料'} />
            ))}
          </Space>
        </>
      )}
      <VerifyDialog nomination={verify ? n : null} action={verify ?? 'approve'} onClose={() => setVerify(null)} />
      <Modal
        open={forwarding}
        title={`推送「${n.nomineeName}」参加上级评选`}
        okText="确认推送"
        cancelText="取消"
        okButtonProps={{ disabled: !target, loading: forward.isPending }}
        onCancel={() => setForwarding(false)}
        onOk={async () => {
          await forward.mutateAsync({ id: n.id, targetSelectionId: target! });
          notifySuccess('已推送，等待上级文明办审核');
          setForwarding(false);
        }}
      >
        <Select
          style={{ width: '100%' }}
          placeholder="选择上级评选"
          aria-label="上级评选"
          value={target}
          onChange={setTarget}
          notFoundContent="没有正在推荐或审核中的上级评选"
          options={(targets.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.regionName}：${t.title}` }))}
        />
      </Modal>
    </>
  );
}
