/**
 * The columns of the signed-in person that a request's actor is built from (platform/http.ts `actorFromRow`), selected
 * beside the session or token row and the grants (`grantsJsonSql`), so authentication is one statement. The users
 * table is aliased `au`: `grantsJsonSql` uses `u` for units inside its subquery, which would shadow an outer `u`.
 */
export const ACTOR_USER_COLUMNS = [
  'au.id',
  'au.username',
  'au.name',
  'au.unit_id',
  'au.region_id',
  'au.must_change_password',
  'au.is_demo',
  'au.active',
] as const;

export interface ActorUserRow {
  id: string;
  username: string;
  name: string;
  unit_id: string | null;
  region_id: string | null;
  must_change_password: boolean;
  is_demo: boolean;
  active: boolean;
  grants: Parameters<typeof import('../actor').grantsFromJson>[0];
}
