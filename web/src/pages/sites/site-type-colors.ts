/** One colour per site type (by its position in /api/site-types), for map markers and the legend. */
import { useMemo } from 'react';
import { useSiteTypes } from '../../api/sites';

// Tableau 10, then its light tints, then darker shades: neighbours in the site-type order stay distinguishable.
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#843c39',
  '#f7b6d2',
  '#637939',
  '#dbdb8d',
  '#9edae5',
  '#aec7e8',
  '#8c6d31',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
];

/** Colour and name lookups by site type code. */
export function useSiteTypeStyle() {
  const types = useSiteTypes();
  return useMemo(() => {
    const list = types.data?.items ?? [];
    const colors = new Map(list.map((t, i) => [t.code, PALETTE[i % PALETTE.length]]));
    return {
      types: list,
      loading: types.isLoading,
      colorOf: (code: string) => colors.get(code) ?? '#8c8c8c',
    };
  }, [types.data, types.isLoading]);
}
