/** Region rows → API shape. */
import type { z } from 'zod';
import type { regionNode, regionResponse } from '../../../common/contracts';
import type { RegionLevel } from '../../../common/enums';
import type { Actor } from '../../platform/actor';
import { can } from '../../platform/policy';
import type { Region } from '../../platform/schema';

/** A region as the API shows it, with what the actor may do to it. */
export function presentRegion(r: Region & { child_count?: number | null }, actor: Actor): z.output<typeof regionResponse> {
  const subject = { regionPath: r.path };
  return {
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    level: r.level as RegionLevel,
    path: r.path,
    sort: r.sort,
    childCount: r.child_count ?? undefined,
    version: r.version,
    abilities: {
      update: can(actor, 'regions.update', subject),
      delete: can(actor, 'regions.delete', subject),
      create: can(actor, 'regions.create', subject),
    },
  };
}

type TreeNode = z.output<typeof regionNode>;

/** Nests a flat list; a node whose parent is out of scope becomes a root. */
export function toTree(rows: Region[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const r of rows) nodes.set(r.id, { id: r.id, code: r.code, name: r.name, level: r.level as RegionLevel, children: [] });
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
