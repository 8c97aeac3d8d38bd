/**
 * The map-settings API (底图设置, /api/map-settings): the base layer under every map (common/base-map.ts). Every
 * signed-in user reads what their maps draw (`baseMap`, the 天地图 key included when 天地图 is on: the browser needs
 * it); the system administrator reads and sets the stored values — the deployment default and a region's own —
 * guarded by version. Shared by the server and the web client (see shared.ts).
 */
import { z } from 'zod';
import { BASE_MAP_KINDS, TIANDITU_LAYERS, tiandituKeyProblem, tileUrlProblem } from '../base-map';
import { abilitiesOf, fileResponse, id } from './shared';
import { settingsRegion } from './problem-settings';

/** The stored values (both the 天地图 key and the tile server are kept whichever kind is on). */
const settingsFields = {
  kind: z.enum(BASE_MAP_KINDS, '请选择底图类型'),
  tiandituLayer: z.enum(TIANDITU_LAYERS, '请选择天地图图层'),
  tiandituKey: z.string().trim().nullable(),
  tileUrl: z.string().trim().nullable(),
  tileMaxZoom: z.number().int('最大级别须为整数').min(1, '最大级别至少为 1').max(22, '最大级别最多为 22'),
  attribution: z.string().trim().max(200, '版权说明最多 200 字'),
};

/** Blank text is "not set" (the command stores null). */
export const blankToNull = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());

/** The kind's own value is required; any value given must be usable, whichever kind is on. */
const withRules = <T extends z.ZodObject<typeof settingsFields & { version: z.ZodType }>>(schema: T) =>
  schema.superRefine((v, ctx) => {
    const keyText = blankToNull(v.tiandituKey);
    const key = keyText === null ? (v.kind === 'tianditu' ? tiandituKeyProblem('') : null) : tiandituKeyProblem(keyText);
    if (key) ctx.addIssue({ code: 'custom', path: ['tiandituKey'], message: key });
    const urlText = blankToNull(v.tileUrl);
    const url = urlText === null ? (v.kind === 'tiles' ? tileUrlProblem('') : null) : tileUrlProblem(urlText);
    if (url) ctx.addIssue({ code: 'custom', path: ['tileUrl'], message: url });
  });

/** The deployment default's new values, at the version on screen (it always exists). */
export const mapSettingsBody = withRules(z.object({ ...settingsFields, version: z.number().int().min(1) }));
/** A region's own values; `version: null` creates them (the region only inherited until now). */
export const regionMapSettingsBody = withRules(z.object({ ...settingsFields, version: z.number().int().min(1).nullable() }));
/** The form's values as sent (web). */
export type MapSettingsInput = z.input<typeof regionMapSettingsBody>;
/** The values as validated (server). */
export type MapSettingsValues = z.output<typeof regionMapSettingsBody>;

/** One tile layer as Leaflet takes it (common/base-map.ts `BaseMapLayer`). */
export const baseMapLayer = z.object({
  url: z.string(),
  subdomains: z.string(),
  maxZoom: z.number().int(),
  labels: z.boolean(),
});

/** What a map draws under its markers: only the kind that is on, with its layers ready for Leaflet. */
export const baseMapResponse = z.object({
  kind: z.enum(BASE_MAP_KINDS),
  layers: z.array(baseMapLayer),
  attribution: z.string(),
});
export type BaseMapDto = z.input<typeof baseMapResponse>;

/** The stored values, for those who may change them. */
export const storedMapSettings = z.object({
  ...settingsFields,
  tiandituKey: z.string().nullable(),
  tileUrl: z.string().nullable(),
  attribution: z.string(),
});

/** The base map that applies in a region (default: the caller's own), where it comes from, and what may be changed. */
export const mapSettingsResponse = z.object({
  /** The region asked about; null = the deployment default. */
  region: settingsRegion.nullable(),
  /** The region whose values apply (null: the deployment default) and whether that is above the region asked about. */
  source: z.object({ regionId: id.nullable(), regionName: z.string().nullable(), inherited: z.boolean() }),
  baseMap: baseMapResponse,
  /** The values that apply, as stored (keys and addresses of other kinds included); null unless the caller may change them. */
  settings: storedMapSettings.nullable(),
  /** The version of the region's own row (of the default, for the default); null while the region only inherits. */
  version: z.number().int().nullable(),
  abilities: abilitiesOf(['update', 'reset']),
});
export type MapSettingsDto = z.input<typeof mapSettingsResponse>;

/** A tile's position (Web Mercator XYZ). */
export const tileParams = z
  .object({
    z: z.coerce.number('级别须为数字').int('级别须为整数').min(0, '级别不能为负').max(22, '级别最多为 22'),
    x: z.coerce.number('列号须为数字').int('列号须为整数').min(0, '列号不能为负'),
    y: z.coerce.number('行号须为数字').int('行号须为整数').min(0, '行号不能为负'),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: '该级别没有这个瓦片', path: ['x'] });

/** `rev`: the saved server's revision (cache busting only); `url`: an unsaved template to preview (administrator only). */
export const tileQuery = z.object({
  rev: z.string().max(16).optional(),
  url: z.string().max(500, '瓦片地址最多 500 个字符').optional(),
});

/** A tile as the tile server sent it (type checked from its bytes). */
export const tileImage = fileResponse(['image/png', 'image/jpeg', 'image/webp'], '瓦片图片');
