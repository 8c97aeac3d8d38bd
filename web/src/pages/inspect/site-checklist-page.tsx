/**
 * 现场测评 (phone): one site's checklist grouped by 测评内容. Every tap is stored on the phone at once and
 * sent shortly after (and on 提交); offline it waits as 待同步. After a save the server's score and the
 * problems its failures filed are shown on top.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Verdict } from '@common/inspections';
import { App, Button, Card, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/auth';
import { notifyError, notifySuccess } from '../../components/notify';
import { newClientId } from '../../components/report-outbox';
import { flushVisits, getDraft, isPending, needsPhoto, retryDraft, type DraftItem } from '../../components/visit-outbox';
import { useGeolocation, useOnline } from '../field/use-device';
import { ChecklistItem } from './checklist-item';
import { CovertMark } from './covert-mark';
import { useChecklistDraft } from './use-checklist-draft';
import { SyncState, VisitResult } from './visit-result';

const EMPTY: DraftItem = { verdict: null, note: '', photos: [] };

/** Checklist page. */
export default function SiteChecklistPage() {
  const { roundId, siteId } = useParams<{ roundId: string; siteId: string }>();
  const { data: session } = useSession();
  const userId = session ? String(session.user.id) : null;
  const online = useOnline();
  const { position } = useGeolocation();
  const { modal } = App.useApp();
  const { checklist, key, groups, draft, change, sending } = useChecklistDraft(userId, roundId, siteId);
  const [submitting, setSubmitting] = useState(false);

  const back = (
    <Link to="/inspect" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginBottom: 8 }}>
      <ArrowLeftOutlined aria-hidden /> 今日任务
    </Link>
  );
  if (!draft) {
    if (checklist.isError) {
      const missing = checklist.error?.status === 404 || checklist.error?.status === 400;
      return (
        <Result
          status={missing ? '404' : 'warning'}
          title={missing ? '点位不在本轮督查范围内或无权查看' : '暂时无法加载测评表'}
          subTitle={missing ? undefined : '请联网后重试'}
          extra={back}
        />
      );
    }
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const setItem = (standardId: string, fn: (item: DraftItem) => DraftItem) =>
    change((items) => ({ ...items, [standardId]: fn(items[standardId] ?? EMPTY) }));
  const place = position.status === 'ok' ? { lat: position.lat!, lng: position.lng! } : undefined;
  const all = draft.checklist;
  const counts = { pass: 0, fail: 0, na: 0 } as Record<Verdict, number>;
  all.forEach((s) => {
    const v = draft.items[s.standardId]?.verdict;
    if (v) counts[v] += 1;
  });
  const undecided = all.length - counts.pass - counts.fail - counts.na;
  const missing = all.filter((s) => needsPhoto(draft.items[s.standardId]));

  const markRestPass = () =>
    change((items) =>
      Object.fromEntries(
        all.map((s) => [s.standardId, items[s.standardId]?.verdict ? items[s.standardId] : { ...EMPTY, verdict: 'pass' as Verdict }]),
      ),
    );

  const send = async () => {
    setSubmitting(true);
    try {
      if (!navigator.onLine) {
        notifySuccess('已保存在本机，联网后自动同步');
        return;
      }
      await flushVisits(userId!);
      const d = key ? await getDraft(key) : undefined;
      if (d?.status === 'failed') notifyError(new Error(d.error ?? '同步失败'));
      else if (d && !isPending(d) && d.result) {
        notifySuccess('测评结果已保存');
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } else notifySuccess('已保存在本机，联网后自动同步');
    } finally {
      setSubmitting(false);
    }
  };

  const submit = () => {
    if (missing.length) {
      notifyError(new Error(`有 ${missing.length} 项不符合尚未拍照取证`));
      document.getElementById(`item-${missing[0].standardId}`)?.scrollIntoView({ behavior: 'smooth' });
      return;
    }
    if (undecided > 0) {
      modal.confirm({
        title: `还有 ${undecided} 项未测评`,
        content: '未测评的项目不计入得分，之后仍可补测。确定现在提交吗？',
        okText: '提交',
        cancelText: '继续测评',
        onOk: send,
      });
      return;
    }
    void send();
  };

  return (
    <div style={{ maxWidth: 640, margin: '0 auto', paddingBottom: 8 }}>
      {back}
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {draft.siteName}
          </Typography.Title>
          <div style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 2 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }} ellipsis>
              {draft.roundName}
            </Typography.Text>
            {draft.covert && <CovertMark />}
          </div>
        </div>
        <SyncState draft={draft} sending={sending} online={online} onRetry={() => key && void retryDraft(key)} />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 12px' }} aria-live="polite">
        共 {all.length} 项 · 符合 {counts.pass} · 不符合 {counts.fail} · 不适用 {counts.na} · 未测 {undecided}。每次选择都会自动保存。
      </Typography.Paragraph>
      <VisitResult draft={draft} />
      {draft.status === 'failed' && draft.error && <Typography.Paragraph type="danger">{draft.error}</Typography.Paragraph>}
      {groups.map((g) => (
        <Card
          key={g.name}
          variant="borderless"
          title={g.name}
          style={{ marginBottom: 12 }}
          styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}
        >
          {g.standards.map((s) => (
            <ChecklistItem
              key={s.standardId}
              standard={s}
              item={draft.items[s.standardId] ?? EMPTY}
              problem={draft.problems[s.standardId]}
              onVerdict={(verdict) => setItem(s.standardId, (it) => ({ ...it, verdict }))}
              onNote={(note) => setItem(s.standardId, (it) => ({ ...it, note }))}
              onAddPhotos={(files) =>
                setItem(s.standardId, (it) => ({
                  ...it,
                  photos: [
                    ...it.photos,
                    ...files.map((f, i) => ({ localId: newClientId(), name: f.name || `photo-${i + 1}.jpg`, blob: f, place })),
                  ],
                }))
              }
              onRemovePhoto={(localId) =>
                setItem(s.standardId, (it) => ({ ...it, photos: it.photos.filter((p) => p.localId !== localId) }))
              }
            />
          ))}
        </Card>
      ))}
      {all.length === 0 && <Result status="info" title="该点位类型在本轮测评体系中没有实地考察项" />}
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          background: 'rgba(240,242,245,.96)',
          padding: '10px 0 12px',
          display: 'grid',
          gap: 8,
          gridTemplateColumns: undecided > 0 ? '1fr 2fr' : '1fr',
        }}
      >
        {undecided > 0 && (
          <Button size="large" onClick={markRestPass} style={{ height: 48 }}>
            其余标为符合
          </Button>
        )}
        <Button
          type="primary"
          size="large"
          loading={submitting}
          disabled={all.length === 0}
          onClick={submit}
          style={{ height: 48, fontSize: 17 }}
        >
          提交
        </Button>
      </div>
    </div>
  );
}
