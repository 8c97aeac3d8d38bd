/** Action buttons built only from the problem's `allowedActions`; each opens its form (签收 may run at once). */
import { PROBLEM_ACTION_LABELS, type ProblemAction } from '@common/problem-workflow';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTransition, type Problem } from '../../api/problems';
import { notifySuccess } from '../../components/notify';
import { ActionModal, type ActionDone } from './action-modal';

/** The forward step of each state gets the primary style; refusals are shown as danger. */
const PRIMARY: ProblemAction[] = ['accept', 'dispatch', 'acknowledge', 'submit_rectification', 'verify', 'approve_extension'];
const DANGER: ProblemAction[] = ['reject', 'dispute', 'deny_extension', 'reopen'];

interface Props {
  problem: Problem;
  size?: 'small' | 'middle' | 'large';
  /** In lists: 签收 runs without a form, and names carry the problem code. */
  quick?: boolean;
  onDone?: ActionDone;
}

/** The buttons plus the action modal. */
export function ProblemActions({ problem, size = 'middle', quick = false, onDone }: Props) {
  const [action, setAction] = useState<ProblemAction | null>(null);
  const transition = useTransition();
  const run = (a: ProblemAction) => {
    if (quick && a === 'acknowledge') {
      transition.mutate(
        { id: problem.id, action: a, version: problem.version },
        { onSuccess: () => notifySuccess(`已签收 ${problem.code}`) },
      );
    } else {
      setAction(a);
    }
  };

  return (
    <>
      {problem.allowedActions.length > 0 && (
        <Space wrap size={8}>
          {problem.allowedActions.map((a) => (
            <Button
              key={a}
              size={size}
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              danger={DANGER.includes(a)}
              loading={quick && a === 'acknowledge' && transition.isPending}
              aria-label={quick ? `${PROBLEM_ACTION_LABELS[a]} ${problem.code}` : undefined}
              onClick={() => run(a)}
            >
              {PROBLEM_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      )}
      <ActionModal problem={problem} action={action} onClose={() => setAction(null)} onDone={onDone} />
    </>
  );
}
