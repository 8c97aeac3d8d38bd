/** One workflow action as a small form in a modal; sends the problem's version (409 → refetch). */
import { PROBLEM_ACTION_LABELS, type ProblemAction } from '@common/problem-workflow';
import { Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import type { TransitionResultDto } from '@common/contracts';
import { useTransition, type Problem } from '../../api/problems';
import { notifySuccess } from '../../components/notify';
import { ActionFields } from './action-fields';

interface Values {
  comment?: string;
  reason?: string;
  unitId?: string;
  deadline?: Dayjs;
  days?: number;
  measures?: string;
  photoIds?: string[];
  verdict?: 'pass' | 'fail';
}

const trimmed = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** The request body of an action from the form's values. */
function payloadOf(action: ProblemAction, v: Values): Record<string, unknown> {
  switch (action) {
    case 'dispatch':
      return { unitId: v.unitId, deadline: v.deadline ? v.deadline.second(0).toISOString() : undefined, comment: trimmed(v.comment) };
    case 'request_extension':
      return { days: v.days, reason: trimmed(v.reason) };
    case 'submit_rectification':
      return { measures: trimmed(v.measures), photoIds: v.photoIds ?? [] };
    case 'verify':
      return { passed: v.verdict === 'pass', comment: trimmed(v.comment), photoIds: v.photoIds ?? [] };
    case 'reopen':
      return { reason: trimmed(v.reason), photoIds: v.photoIds ?? [] };
    case 'reject':
    case 'dispute':
    case 'deny_extension':
      return { reason: trimmed(v.reason) };
    default:
      return { comment: trimmed(v.comment) };
  }
}

const DONE: Partial<Record<ProblemAction, string>> = {
  submit_rectification: '整改已提交，等待核查',
  request_extension: '延期申请已提交',
  dispute: '已退回，问题已交回创建办重新派遣',
};

/** What an action's caller learns after success: the server's answer, the action and what was sent with it. */
export type ActionDone = (result: TransitionResultDto, action: ProblemAction, payload: Record<string, unknown>) => void;

interface Props {
  problem: Problem | null;
  action: ProblemAction | null;
  onClose: () => void;
  /** After success, with the server's answer (reopen returns the new problem's id). */
  onDone?: ActionDone;
}

/** Action modal; `action` null means closed. */
export function ActionModal({ problem, action, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const transition = useTransition();
  const open = !!problem && !!action;
  const label = action ? PROBLEM_ACTION_LABELS[action] : '';

  // mutateAsync: the answer is handled even if this form unmounts meanwhile (the list refetches and the
  // problem may lose its last allowed action).
  const handleFinish = async (values: Values) => {
    if (!problem || !action) return;
    try {
      const payload = payloadOf(action, values);
      const result = await transition.mutateAsync({ id: problem.id, action, version: problem.version, ...payload });
      notifySuccess(result.relapseCode ? `已按反弹重新派遣：${result.relapseCode}` : (DONE[action] ?? `已${label}`));
      onClose();
      onDone?.(result, action, payload);
    } catch (error) {
      // The toast shows the server's message; a stale version closes the form (the page refetches).
      if (error instanceof ApiError && error.code === 'version_conflict') onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={problem && action ? `${label} · ${problem.code}` : ''}
      okText={label}
      cancelText="取消"
      confirmLoading={transition.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {problem && action && (
        <Form<Values> name={`action_${action}`} form={form} layout="vertical" onFinish={handleFinish} preserve={false} clearOnDestroy>
          <ActionFields action={action} problem={problem} />
        </Form>
      )}
    </Modal>
  );
}
