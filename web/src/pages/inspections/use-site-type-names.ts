/** Site type names by code. */
import { useCallback, useMemo } from 'react';
import { useSiteTypes } from '../../api/sites';

/** A lookup code → name (the code while unknown). */
export function useSiteTypeNames() {
  const types = useSiteTypes();
  const names = useMemo(() => new Map((types.data?.items ?? []).map((t) => [t.code, t.name])), [types.data]);
  return useCallback((code: string) => names.get(code) ?? code, [names]);
}
