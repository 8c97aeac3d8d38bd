/** The form fields each workflow action needs (the server checks them again). */
import { PROBLEM_PAYLOADS } from '@common/problem-actions';
import type { ProblemAction } from '@common/problem-workflow';
import { Alert, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useDispatchSuggestion, type Problem } from '../../api/problems';
import { UnitSelect } from '../../components/remote-select';
import { fieldRule, payloadRule } from '../../components/zod-rule';
import { PhotoUploader } from './photo-uploader';

const REASON_LABELS: Partial<Record<ProblemAction, string>> = {
  reject: '不予立案理由',
  dispute: '退回理由',
  deny_extension: '驳回理由',
  request_extension: '延期理由',
  reopen: '反弹情况',
};

type ReasonAction = 'reject' | 'dispute' | 'deny_extension' | 'request_extension' | 'reopen';

function Reason({ action }: { action: ReasonAction }) {
  const label = REASON_LABELS[action] ?? '理由';
  return (
    <Form.Item label={label} name="reason" required rules={[fieldRule(PROBLEM_PAYLOADS[action].shape.reason)]}>
      <Input.TextArea rows={3} maxLength={action === 'reopen' ? 1000 : 500} showCount />
    </Form.Item>
  );
}

function Comment({ label = '备注（可选）' }: { label?: string }) {
  return (
    <Form.Item label={label} name="comment">
      <Input.TextArea rows={2} maxLength={500} />
    </Form.Item>
  );
}

function ExtensionRequest({ problem }: { problem: Problem }) {
  if (!problem.extensionRequest) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={`申请延期 ${problem.extensionRequest.days} 天`}
      description={problem.extensionRequest.reason ?? undefined}
    />
  );
}

/** 派遣: the unit preselected from the server's suggestion (its reason shown), optional deadline. */
function DispatchFields({ problem }: { problem: Problem }) {
  const form = Form.useFormInstance();
  const suggestion = useDispatchSuggestion(problem.id, true);
  const s = suggestion.data?.suggestion ?? null;
  useEffect(() => {
    if (s && !form.getFieldValue('unitId')) form.setFieldValue('unitId', s.unitId);
  }, [s, form]);
  return (
    <>
      {s && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`建议派遣：${s.unitName}`} description={s.reason} />}
      {suggestion.isSuccess && !s && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="没有匹配的派遣规则，请选择责任单位" />}
      <Form.Item label="责任单位" name="unitId" required rules={[fieldRule(PROBLEM_PAYLOADS.dispatch.shape.unitId)]}>
        <UnitSelect aria-label="责任单位" initialOptions={s ? [{ id: s.unitId, name: s.unitName }] : []} />
      </Form.Item>
      <Form.Item label="整改时限" name="deadline" extra="不填则按严重程度的时限规则自动计算">
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          aria-label="整改时限"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
        />
      </Form.Item>
      <Comment label="派遣说明（可选）" />
    </>
  );
}

/** 核查: 通过 / 不通过, a comment that is required when failing, optional photos. */
function VerifyFields() {
  const verdict = Form.useWatch('verdict');
  return (
    <>
      <Form.Item label="核查结果" name="verdict" rules={[{ required: true, message: '请选择核查结果' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'pass', label: '通过' },
            { value: 'fail', label: '不通过' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label={verdict === 'fail' ? '不通过原因' : '核查意见'}
        name="comment"
        required={verdict === 'fail'}
        dependencies={['verdict']}
        rules={[payloadRule(PROBLEM_PAYLOADS.verify, 'comment', (comment) => ({ passed: verdict !== 'fail', comment }))]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item label="核查照片（可选）" name="photoIds">
        <PhotoUploader label="上传核查照片" />
      </Form.Item>
    </>
  );
}

/** The fields of one action. */
export function ActionFields({ action, problem }: { action: ProblemAction; problem: Problem }) {
  switch (action) {
    case 'dispatch':
      return <DispatchFields problem={problem} />;
    case 'verify':
      return <VerifyFields />;
    case 'reject':
    case 'dispute':
      return <Reason action={action} />;
    case 'deny_extension':
      return (
        <>
          <ExtensionRequest problem={problem} />
          <Reason action={action} />
        </>
      );
    case 'approve_extension':
      return (
        <>
          <ExtensionRequest problem={problem} />
          <Comment />
        </>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item label="延期天数" name="days" required rules={[fieldRule(PROBLEM_PAYLOADS.request_extension.shape.days)]}>
            <InputNumber min={1} max={60} precision={0} suffix="天" aria-label="延期天数" style={{ width: 160 }} />
          </Form.Item>
          <Reason action={action} />
        </>
      );
    case 'submit_rectification':
      return (
        <>
          <Form.Item label="整改措施" name="measures" required rules={[fieldRule(PROBLEM_PAYLOADS.submit_rectification.shape.measures)]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item label="整改后照片" name="photoIds" required rules={[fieldRule(PROBLEM_PAYLOADS.submit_rectification.shape.photoIds)]}>
            <PhotoUploader label="上传整改后照片" />
          </Form.Item>
        </>
      );
    case 'reopen':
      return (
        <>
          <Reason action={action} />
          <Form.Item label="现场照片" name="photoIds">
            <PhotoUploader label="上传现场照片" />
          </Form.Item>
        </>
      );
    default:
      return <Comment />;
  }
}
