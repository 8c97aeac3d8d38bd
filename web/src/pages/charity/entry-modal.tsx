/**
 * 记录捐赠 / 记录支出 / 更正 in a dialog. Amounts are typed in 元 and sent in fen; a receipt is uploaded as soon as it
 * is chosen (typed by its bytes on the server: JPEG, PNG or PDF, 10 MB) and named in the entry. A correction needs its
 * reason and one more confirmation: it is written into the ledger for good, like every entry.
 */
import { UploadOutlined } from '@ant-design/icons';
import { CHARITY_DONATION_TYPE_LABELS, CHARITY_DONATION_TYPES, yuanToFen } from '@common/charity';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  uploadCharityReceipt,
  useCorrectCharityEntry,
  useRecordCharityEntry,
  type CharityEntry,
  type CharityProject,
  type CharityReceipt,
} from '../../api/charity';
import { ApiError } from '../../api/client';
import { notifySuccess } from '../../components/notify';

interface Values {
  donationType?: 'money' | 'goods';
  amount: string;
  goodsDescription?: string;
  goodsQuantity?: string;
  anonymous?: boolean;
  donorName?: string;
  donorContact?: string;
  occurredOn: Dayjs;
  purpose: string;
  reason?: string;
}

export function EntryModal({
  project,
  kind,
  correcting,
  onClose,
}: {
  project: CharityProject;
  kind: 'donation' | 'spending' | null;
  correcting?: CharityEntry | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const record = useRecordCharityEntry();
  const correct = useCorrectCharityEntry();
  const [files, setFiles] = useState<UploadFile<CharityReceipt>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const donationType = Form.useWatch('donationType', form);
  const anonymous = Form.useWatch('anonymous', form);
  const open = !!kind && (correcting === undefined || !!correcting);
  const isCorrection = !!correcting;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setFiles([]);
    form.resetFields();
    if (correcting)
      form.setFieldsValue({
        donationType: correcting.donationType ?? undefined,
        amount: (correcting.amountFen / 100).toFixed(2),
        goodsDescription: correcting.goodsDescription ?? undefined,
        goodsQuantity: correcting.goodsQuantity ?? undefined,
        anonymous: correcting.kind === 'donation' && correcting.donorName === '匿名',
        donorName: correcting.donorName && correcting.donorName !== '匿名' ? correcting.donorName : undefined,
        donorContact: correcting.donorContact ?? undefined,
        occurredOn: dayjs(correcting.occurredOn),
        purpose: correcting.purpose,
      });
    else form.setFieldsValue({ donationType: 'money', occurredOn: dayjs() });
  }, [open, correcting, form]);

  const send = async (v: Values) => {
    const receiptIds = files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);
    const common = {
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      purpose: v.purpose.trim(),
      amountFen: yuanToFen(v.amount)!,
      receiptIds,
    };
    const body =
      kind === 'donation'
        ? {
            kind: 'donation' as const,
            ...common,
            donationType: v.donationType ?? 'money',
            goodsDescription: v.donationType === 'goods' ? v.goodsDescription?.trim() || null : null,
            goodsQuantity: v.donationType === 'goods' ? v.goodsQuantity?.trim() || null : null,
            donorName: v.anonymous ? null : v.donorName?.trim() || null,
            donorContact: v.donorContact?.trim() || null,
          }
        : { kind: 'spending' as const, ...common };
    try {
      if (correcting) {
        await correct.mutateAsync({ projectId: project.id, entryId: correcting.id, ...body, reason: v.reason!.trim() });
        notifySuccess('更正已记入台账');
      } else {
        await record.mutateAsync({ projectId: project.id, ...body });
        notifySuccess(kind === 'donation' ? '捐赠已记入台账' : '支出已记入台账');
      }
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };

  const submit = async () => {
    // A field refused shows its message under the field; nothing else to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    if (files.some((f) => f.status === 'uploading')) {
      setError('票据还在上传，请稍候');
      return;
    }
    if (isCorrection) {
      modal.confirm({
        title: '确认更正这条台账？',
        content: `将新增一条更正记录（原第 ${correcting!.entryNo} 条保留并标注“已更正”，不再计入合计），公开台账同步显示更正原因。更正记录本身不能修改或删除。`,
        okText: '确认更正',
        cancelText: '再看看',
        onOk: () => send(v),
      });
    } else await send(v);
  };

  const title = isCorrection
    ? `更正第 ${correcting!.entryNo} 条（${kind === 'donation' ? '捐赠' : '支出'}）`
    : kind === 'donation'
      ? '记录捐赠'
      : '记录支出';
  const amountRule = {
    validator: async (_: unknown, v?: string) => {
      const fen = v === undefined ? null : yuanToFen(v);
      if (fen === null) throw new Error('请填写金额（元，最多两位小数）');
      if (fen === 0 && !isCorrection) throw new Error('金额须大于 0');
    },
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={isCorrection ? '提交更正' : '记入台账'}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={record.isPending || correct.isPending}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        {kind === 'donation' && (
          <Form.Item name="donationType" label="捐赠类型" required>
            <Radio.Group options={CHARITY_DONATION_TYPES.map((t) => ({ value: t, label: CHARITY_DONATION_TYPE_LABELS[t] }))} />
          </Form.Item>
        )}
        {kind === 'donation' && donationType === 'goods' && (
          <>
            <Form.Item name="goodsDescription" label="物资名称" required rules={[{ required: true, message: '请填写物资名称' }]}>
              <Input maxLength={100} placeholder="如：书包、冬衣、米面油" />
            </Form.Item>
            <Form.Item name="goodsQuantity" label="数量">
              <Input maxLength={40} placeholder="如：40 个" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="amount"
          label={kind === 'donation' ? (donationType === 'goods' ? '估值（元）' : '金额（元）') : '支出金额（元）'}
          required
          rules={[amountRule]}
          extra={isCorrection ? '填 0 表示原条目作废（如重复录入）' : undefined}
        >
          <Input inputMode="decimal" placeholder="如 1000.00" />
        </Form.Item>
        {kind === 'donation' && (
          <>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名捐赠（公开台账显示“匿名”）</Checkbox>
            </Form.Item>
            {!anonymous && (
              <Form.Item name="donorName" label="捐赠人（个人或单位）" extra="不填则公开显示为“匿名”">
                <Input maxLength={60} />
              </Form.Item>
            )}
            <Form.Item name="donorContact" label="捐赠人联系方式（不公开）">
              <Input maxLength={60} placeholder="用于寄送捐赠票据" />
            </Form.Item>
          </>
        )}
        <Form.Item name="occurredOn" label="日期" required rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={kind === 'donation' ? '捐赠用途' : '支出用途（用在了什么地方）'}
          required
          rules={[{ required: true, min: 2, message: '请填写用途（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item label="票据（发票、收据、签收单；JPEG、PNG 或 PDF，10 MB 以内）">
          <Upload<CharityReceipt>
            accept="image/jpeg,image/png,application/pdf"
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => {
              uploadCharityReceipt(project.id, file as File)
                .then((r) => onSuccess?.(r))
                .catch((e: Error) => {
                  setError(e.message);
                  onError?.(e);
                });
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>上传票据</Button>
          </Upload>
          {kind === 'spending' && !isCorrection && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              每笔支出附上票据，公开台账才算完整。
            </Typography.Text>
          )}
        </Form.Item>
        {isCorrection && (
          <Form.Item name="reason" label="更正原因" required rules={[{ required: true, min: 4, message: '请填写更正原因（至少 4 个字）' }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder="如：录入时多写一个零，应为 500 元" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
