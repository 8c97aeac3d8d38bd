/** Every workflow verb, by action name. */
import type { ProblemAction } from '../../../common/problem-workflow';
import { acceptProblem } from './accept-problem';
import { acknowledgeProblem } from './acknowledge-problem';
import { approveExtension } from './approve-extension';
import { denyExtension } from './deny-extension';
import { dispatchProblem } from './dispatch-problem';
import { disputeProblem } from './dispute-problem';
import { rejectProblem } from './reject-problem';
import { reopenProblem } from './reopen-problem';
import { requestExtension } from './request-extension';
import { submitRectification } from './submit-rectification';
import type { Verb } from './verb';
import { verifyRectification } from './verify-rectification';

export const VERBS: Record<ProblemAction, Verb> = {
  accept: acceptProblem,
  reject: rejectProblem,
  dispatch: dispatchProblem,
  acknowledge: acknowledgeProblem,
  dispute: disputeProblem,
  request_extension: requestExtension,
  approve_extension: approveExtension,
  deny_extension: denyExtension,
  submit_rectification: submitRectification,
  verify: verifyRectification,
  reopen: reopenProblem,
} as Record<ProblemAction, Verb>;
