/** 批量立案 / 批量派遣: one request, one result per problem (a stale or illegal item does not stop the others). */
import { PROBLEM_ACTION_LABELS } from '@common/problem-workflow';
import { Alert, Button, DatePicker, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useBulkTransition, type BulkResult, type Problem } from '../../api/problems';
import { UnitSelect } from '../../components/remote-select';

type BulkAction = 'accept' | 'dispatch';

interface Values {
  unitId?: string;
  deadline?: Dayjs;
  comment?: string;
}

interface Props {
  action: BulkAction | null;
  problems: Problem[];
  onClose: (finished: boolean) => void;
}

/** Bulk modal: the form, then the per-item results. */
export function BulkActionModal({ action, problems, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const bulk = useBulkTransition();
  const [result, setResult] = useState<BulkResult | null>(null);
  const label = action ? PROBLEM_ACTION_LABELS[action] : '';
  const codeOf = new Map(problems.map((p) => [p.id, p.code]));

  const close = () => {
    const finished = !!result;
    setResult(null);
    bulk.reset();
    onClose(finished);
  };

  const handleFinish = (v: Values) => {
    if (!action) return;
    const comment = v.comment?.trim() || undefined;
    const payload =
      action === 'dispatch'
        ? { unitId: v.unitId, deadline: v.deadline ? v.deadline.second(0).toISOString() : undefined, comment }
        : { comment };
    bulk.mutate({ action, items: problems.map((p) => ({ id: p.id, version: p.version })), payload }, { onSuccess: setResult });
  };

  return (
    <Modal
      open={!!action}
      title={`批量${label}（${problems.length} 条）`}
      onCancel={close}
      destroyOnHidden
      width={600}
      footer={
        result ? (
          <Button type="primary" onClick={close}>
            完成
          </Button>
        ) : (
          <>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={bulk.isPending} onClick={() => form.submit()}>
              {`确认${label}`}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <>
          <Alert
            type={result.failed ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`成功 ${result.succeeded} 条${result.failed ? `，失败 ${result.failed} 条` : ''}`}
          />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={result.results}
            columns={[
              { title: '问题编号', key: 'code', render: (_, r) => r.code ?? codeOf.get(r.id) ?? r.id },
              {
                title: '结果',
                key: 'ok',
                render: (_, r) =>
                  r.ok ? <Tag color="green">成功</Tag> : <Typography.Text type="danger">失败：{r.error?.message}</Typography.Text>,
              },
            ]}
          />
        </>
      ) : (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 16, maxHeight: 96, overflow: 'auto' }}>
            {problems.map((p) => (
              <Tag key={p.id}>{p.code}</Tag>
            ))}
          </div>
          <Form<Values> name={`bulk_${action ?? 'none'}`} form={form} layout="vertical" onFinish={handleFinish} preserve={false}>
            {action === 'dispatch' && (
              <>
                <Form.Item label="责任单位" name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
                  <UnitSelect aria-label="责任单位" />
                </Form.Item>
                <Form.Item label="整改时限" name="deadline" extra="不填则按各问题严重程度的时限规则自动计算">
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    aria-label="整改时限"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  />
                </Form.Item>
              </>
            )}
            <Form.Item label="备注（可选）" name="comment">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
