/**
 * A workflow as data: for each action, the states it leaves from, the states it may lead to, who takes it (a
 * relation to the record, which each module maps to permissions) and the payload it needs as a zod schema. The
 * server's kernel (server/platform/workflow.ts) enforces the table; the web reads the same table for buttons and the
 * same schemas for form rules, so a rule is written once.
 */
import type { z } from 'zod';

export interface WorkflowActionDef<S extends string = string, R extends string = string> {
  readonly from: readonly S[];
  /** The states the action may lead to; a verb whose result depends on its payload (核查: pass or rework) names several. */
  readonly to: readonly S[];
  readonly by: R;
  readonly payload: z.ZodType;
}

/** Declares a workflow's action table with its types kept. */
export function defineWorkflow<S extends string, R extends string, T extends Record<string, WorkflowActionDef<S, R>>>(
  _states: readonly S[],
  actions: T,
): T {
  return actions;
}

/**
 * The state an action leads to: the verb's choice when the table allows several, else the table's one target. A verb
 * that names a state the table does not list is a programming error, caught here (and by the workflow unit tests).
 */
export function targetState<S extends string>(action: string, def: WorkflowActionDef<S>, chosen?: S): S {
  if (chosen === undefined) {
    if (def.to.length !== 1) throw new Error(`workflow: action ${action} must choose one of ${def.to.join(', ')}`);
    return def.to[0];
  }
  if (!def.to.includes(chosen)) throw new Error(`workflow: action ${action} leads to ${chosen}, but the table allows ${def.to.join(', ')}`);
  return chosen;
}

/** Field names of an action's payload (for forms that show one input per field). */
export function payloadFields(def: WorkflowActionDef): string[] {
  const shape = (def.payload as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
