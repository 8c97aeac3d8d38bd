/**
 * 附加问题 of a category (Open311 service attributes): the office adds, edits, orders and removes the questions; each
 * is checked with the same schema the server uses (common/category-questions.ts) before saving, and saving is
 * confirmed. List questions take their options one a line as 代码=名称.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { categoryQuestions, isListType, QUESTION_DATATYPE_LABELS, type CategoryQuestion } from '@common/category-questions';
import { OPEN311_DATATYPES, type Open311Datatype } from '@common/open311';
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCategoryQuestions, useSaveCategoryQuestions } from '../../api/public-interface';
import { notifyError, notifySuccess } from '../../components/notify';

interface Draft {
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  description: string;
  order: number;
  values: string;
}

const toDraft = (q: CategoryQuestion): Draft => ({ ...q, values: q.values.map((v) => `${v.key}=${v.name}`).join('\n') });
const fromDraft = (d: Draft) => ({
  ...d,
  values: isListType(d.datatype)
    ? d.values
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const i = l.indexOf('=');
          return i < 0 ? { key: l, name: l } : { key: l.slice(0, i).trim(), name: l.slice(i + 1).trim() };
        })
    : [],
});

export function CategoryQuestionsModal({ code, onClose }: { code: string; onClose: () => void }) {
  const { modal } = App.useApp();
  const query = useCategoryQuestions(code);
  const save = useSaveCategoryQuestions(code);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const data = query.data;
  const rows = drafts ?? (data?.questions as CategoryQuestion[] | undefined)?.map(toDraft) ?? [];
  const editable = !!data?.abilities.update;
  const set = (i: number, patch: Partial<Draft>) => setDrafts(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = () => {
    const parsed = categoryQuestions.safeParse(rows.map(fromDraft));
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? '附加问题有误');
      return;
    }
    setProblem(null);
    modal.confirm({
      title: `保存“${data?.categoryName}”的附加问题？`,
      content: `共 ${parsed.data.length} 个问题。Open311 对接方和群众上报此类问题时将按新问题作答；已上报问题的答案不变。`,
      okText: '保存',
      cancelText: '取消',
      onOk: () =>
        save.mutateAsync({ questions: parsed.data, version: data?.version ?? null }).then(
          () => {
            notifySuccess('附加问题已保存');
            onClose();
          },
          (e) => notifyError(e),
        ),
    });
  };

  return (
    <Modal
      open
      width={760}
      title={`附加问题：${data?.categoryName ?? code}`}
      onCancel={onClose}
      footer={
        editable
          ? [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="save" type="primary" loading={save.isPending} disabled={!drafts} onClick={submit}>
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
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          上报此类问题时可追加询问的问题（Open311 服务定义的 attributes）。答案只给工作人员看，不对外公开。
        </Typography.Text>
        {!editable && data && <Alert type="info" showIcon title="全域共用类别的附加问题由市级（最高一级）创建办调整，您可以查看。" />}
        {problem && <Alert type="error" showIcon title={problem} />}
        {!rows.length && <Empty description="暂无附加问题" />}
        {rows.map((q, i) => (
          <Card
            key={i}
            size="small"
            title={`问题 ${i + 1}`}
            extra={
              editable && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`删除问题 ${i + 1}`}
                  onClick={() => setDrafts(rows.filter((_, j) => j !== i))}
                />
              )
            }
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input
                addonBefore="问题"
                value={q.description}
                disabled={!editable}
                maxLength={100}
                onChange={(e) => set(i, { description: e.target.value })}
              />
              <Space wrap>
                <Input
                  addonBefore="代码"
                  value={q.code}
                  disabled={!editable}
                  style={{ width: 220 }}
                  onChange={(e) => set(i, { code: e.target.value })}
                />
                <Select
                  aria-label="答案类型"
                  value={q.datatype}
                  disabled={!editable}
                  style={{ width: 140 }}
                  options={OPEN311_DATATYPES.map((d) => ({ value: d, label: QUESTION_DATATYPE_LABELS[d] }))}
                  onChange={(d) => set(i, { datatype: d })}
                />
                <InputNumber
                  addonBefore="顺序"
                  min={1}
                  max={99}
                  value={q.order}
                  disabled={!editable}
                  onChange={(n) => set(i, { order: Number(n ?? 1) })}
                />
                <Checkbox checked={q.required} disabled={!editable} onChange={(e) => set(i, { required: e.target.checked })}>
                  必答
                </Checkbox>
              </Space>
              {isListType(q.datatype) && (
                <Input.TextArea
                  aria-label="选项"
                  rows={3}
                  value={q.values}
                  disabled={!editable}
                  placeholder={'每行一个选项：代码=名称\nmissing=缺失\nbroken=破损'}
                  onChange={(e) => set(i, { values: e.target.value })}
                />
              )}
            </Space>
          </Card>
        ))}
        {editable && (
          <Button
            icon={<PlusOutlined aria-hidden />}
            disabled={rows.length >= 20}
            onClick={() =>
              setDrafts([
                ...rows,
                { code: `q${rows.length + 1}`, datatype: 'string', required: false, description: '', order: rows.length + 1, values: '' },
              ])
            }
          >
            添加问题
          </Button>
        )}
      </Space>
    </Modal>
  );
}
