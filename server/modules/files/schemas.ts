/** Request schemas for files. */
import { z } from 'zod';

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The text fields that may come with an upload: where the device was, and the address it resolved. */
export const uploadFields = z
  .object({
    lat: z.preprocess(
      blankToUndefined,
      z.coerce.number('纬度须为数字').min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间').optional(),
    ),
    lng: z.preprocess(
      blankToUndefined,
      z.coerce.number('经度须为数字').min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间').optional(),
    ),
    // Control characters (NUL above all) would break the watermark and have no place in an address.
    address: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(200, '地址不能超过 200 个字')
        .regex(/^[^\u0000-\u001f\u007f]*$/, '地址含有不可见的控制字符')
        .optional(),
    ),
    /** The round the photo is evidence for (a covert round's evidence names 暗访组, not the inspector). */
    roundId: z.preprocess(blankToUndefined, z.uuid('轮次编号格式不正确').optional()),
  })
  .refine((f) => (f.lat === undefined) === (f.lng === undefined), { message: '纬度和经度须同时提供', path: ['lat'] });

export type UploadFields = z.infer<typeof uploadFields>;
