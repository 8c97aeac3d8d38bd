/** Whether a category may be used in a county (the nearest region's switch, its major class on too). */
import type { Db } from '../../platform/db';
import { listServices } from '../open311/repository';

/** True when the minor category is usable where the county lies. */
export async function categoryUsable(db: Db, code: string, countyPath: string): Promise<boolean> {
  return (await listServices(db, countyPath, code)).length > 0;
}
