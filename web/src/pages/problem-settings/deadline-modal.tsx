/** Edit one severity's deadline: hours (1–8760, shown as days too) and natural or working days. */
import { PROBLEM_SEVERITY_LABELS } from '@common/problem-workflow';
import { Alert, Form, InputNumber, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useDeadlinePolicies, useUpdateDeadlinePolicy, type DeadlinePolicy, type SettingsRegion } from '../../api/problem-settings';
import { notifyError, notifySuccess } from '../../components/notify';
import { hoursAsDays } from './deadline-format';

interface Values {
  hours: number | null;
  workingDays: boolean;
}

const MAX_HOURS = 8760;

/**
 * Modal form; open while `policy` is set. Saves the value of `region` (its own; an inherited row creates it), at the
 * version shown when it opened (or reloaded after a conflict).
 */
export function DeadlineModal({
  policy,
  region,
  onClose,
}: {
  policy: DeadlinePolicy | null;
  region: SettingsRegion | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateDeadlinePolicy();
  const deadlines = useDeadlinePolicies();
  const [base, setBase] = useState<DeadlinePolicy | null>(policy);
  const [conflict, setConflict] = useState(false);
  const hours = Form.useWatch('hours', form);
  const workingDays = Form.useWatch('workingDays', form);

  useEffect(() => {
    if (!policy) return;
    setBase(policy);
    setConflict(false);
    form.setFieldsValue({ hours: policy.hours, workingDays: policy.workingDays });
  }, [policy, form]);

  const handleFinish = async (values: Values) => {
    if (!base || values.hours === null) return;
    try {
      await update.mutateAsync({ severity: base.severity, hours: values.hours, workingDays: values.workingDays, region, base });
      notifySuccess(`「${PROBLEM_SEVERITY_LABELS[base.severity]}」的整改时限已保存`);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        const fresh = (await deadlines.refetch()).data?.items.find((p) => p.severity === base.severity);
        if (fresh) {
          setBase(fresh);
          form.setFieldsValue({ hours: fresh.hours, workingDays: fresh.workingDays });
        }
        setConflict(true);
      } else notifyError(error);
    }
  };

  const label = base ? PROBLEM_SEVERITY_LABELS[base.severity] : '';
  const valid = typeof hours === 'number' && hours >= 1 && hours <= MAX_HOURS;

  return (
    <Modal
      open={!!policy}
      title={`修改「${label}」问题的整改时限（${region ? `${region.name}及下级区域` : '全国默认'}）`}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      forceRender
    >
      {conflict && base && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title="保存失败：数据已被他人修改"
          description={`「${label}」的整改时限刚被他人修改，已重新加载：当前为 ${base.hours} 小时（${hoursAsDays(base.hours, base.workingDays)}），${base.workingDays ? '按工作日' : '按自然日'}计算。请核对后重新保存。`}
        />
      )}
      <Form name="deadline" form={form} layout="vertical" onFinish={handleFinish} onValuesChange={() => setConflict(false)}>
        <Form.Item
          label="整改时限"
          name="hours"
          rules={[
            { required: true, message: '请填写整改时限' },
            { type: 'integer', min: 1, max: MAX_HOURS, message: `整改时限须为 1–${MAX_HOURS} 之间的整数小时（最长 365 天）` },
          ]}
          extra={valid ? `合 ${hoursAsDays(hours, workingDays)}` : '1 天 = 24 小时，最长 8760 小时（365 天）'}
        >
          <InputNumber precision={0} step={24} suffix="小时" inputMode="numeric" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label="按工作日计算"
          name="workingDays"
          valuePropName="checked"
          extra="开启后整天部分只计周一至周五（法定节假日暂不扣除）"
        >
          <Switch checkedChildren="工作日" unCheckedChildren="自然日" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
