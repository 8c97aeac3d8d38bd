/**
 * 公众类别: the short list of categories citizens pick from on /p/report, in the order shown. One list for the whole
 * deployment: a county office sees it; the office at the top region changes it.
 */
import { Alert, Button, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePublicCategoryList, useSavePublicCategoryList } from '../../api/citizen-reports';
import { notifyError, notifySuccess } from '../../components/notify';
import { CategoryQuestionsModal } from './category-questions-modal';

export function PublicCategoriesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>公众类别</Button>
      {open && <PublicCategoriesModal onClose={() => setOpen(false)} />}
    </>
  );
}

function PublicCategoriesModal({ onClose }: { onClose: () => void }) {
  const { data, isLoading } = usePublicCategoryList(true);
  const save = useSavePublicCategoryList();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const current = codes ?? data?.items.map((c) => c.code) ?? [];
  const editable = !!data?.editable;
  return (
    <Modal
      open
      title="公众类别（随手拍可选类别）"
      onCancel={onClose}
      width={640}
      footer={
        editable
          ? [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button
                key="save"
                type="primary"
                loading={save.isPending}
                disabled={!codes || codes.length === 0}
                onClick={() =>
                  save.mutate(current, {
                    onSuccess: () => {
                      notifySuccess('公众类别已保存');
                      onClose();
                    },
                    onError: (e) => notifyError(e),
                  })
                }
              >
                保存
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                关闭
              </Button>,
            ]
      }
    >
      {isLoading || !data ? (
        <Typography.Text type="secondary">加载中…</Typography.Text>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">群众在“我要随手拍”页面按此顺序看到这些类别（最多 20 个）。</Typography.Text>
          {editable ? (
            <Select
              mode="multiple"
              aria-label="公众类别"
              style={{ width: '100%' }}
              value={current}
              onChange={(v: string[]) => setCodes(v)}
              options={data.choices.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
              optionFilterProp="label"
              maxCount={20}
            />
          ) : (
            <>
              <Space size={[4, 8]} wrap>
                {data.items.map((c) => (
                  <Tag key={c.code}>{c.name}</Tag>
                ))}
              </Space>
              <Alert type="info" showIcon title="公众类别清单全域共用，由市级（最高一级）创建办调整。" />
            </>
          )}
          <Typography.Text strong>附加问题（Open311 服务定义）</Typography.Text>
          <Space size={[4, 8]} wrap>
            {data.items.map((c) => (
              <Button key={c.code} size="small" onClick={() => setAsking(c.code)}>
                {c.name}
              </Button>
            ))}
          </Space>
        </Space>
      )}
      {asking && <CategoryQuestionsModal code={asking} onClose={() => setAsking(null)} />}
    </Modal>
  );
}
