/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the attributes every service asks for and the
 * problem sources the public interface may list. Our categories have no extra questions of their own, so each
 * service definition offers the same attribute set, built from the loop's own data (severities, site types) and the
 * lists below (labels only here; the server validates posted values against the same lists).
 */
import type { ProblemSource } from './problem-workflow';

/** Sources an office may publish (Open311 lists, public pages); covert findings and 回头看 never. */
export const PUBLISHABLE_SOURCES: readonly ProblemSource[] = ['citizen', 'open311', 'hotline', 'grid', 'media', 'leader', 'inspection'];
/** Published unless a region says otherwise (so an integrator can read back what it posted). */
export const DEFAULT_PUBLIC_SOURCES: readonly ProblemSource[] = ['citizen', 'open311', 'hotline'];

/** 影响 (multivaluelist): what the problem affects. */
export const OPEN311_IMPACTS: Record<string, string> = {
  traffic: '影响通行',
  safety: '存在安全隐患',
  appearance: '影响市容',
  hygiene: '影响环境卫生',
  noise: '噪声扰民',
};

/** The Open311 datatypes of service attributes. */
export const OPEN311_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type Open311Datatype = (typeof OPEN311_DATATYPES)[number];
