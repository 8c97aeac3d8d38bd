/** The plan's tasks in tree order (depth first, by 序号) with their depth: the tree table, the Gantt rows and the cards share it. */
import type { Task } from '../../api/plans';

export interface OrderedTask {
  task: Task;
  depth: number;
}

export function orderTasks(tasks: readonly Task[]): OrderedTask[] {
  const ids = new Set(tasks.map((t) => t.id));
  const bySeq = (a: Task, b: Task) => a.seq - b.seq;
  const childrenOf = new Map<string | null, Task[]>();
  for (const t of tasks) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), t]);
  }
  const out: OrderedTask[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of [...(childrenOf.get(parent) ?? [])].sort(bySeq)) {
      out.push({ task: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** 序号 as the office wrote it, else the running number. */
export const taskNumber = (t: Task) => t.code || String(t.seq);
