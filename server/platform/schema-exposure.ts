/** Table types: 曝光台 (migration 20261205_0301_exposures). */
import type { Generated, JSONColumnType } from 'kysely';

export interface ExposuresTable {
  id: Generated<string>;
  problem_id: string;
  region_id: string;
  unit_id: string | null;
  state: Generated<'draft' | 'submitted' | 'published' | 'taken_down'>;
  title: string;
  description: string;
  proposed_by: string | null;
  proposed_at: Date;
  submitted_at: Date | null;
  returned_at: Date | null;
  return_reason: string | null;
  approved_by: string | null;
  published_at: Date | null;
  approve_comment: string | null;
  taken_down_by: string | null;
  taken_down_at: Date | null;
  take_down_reason: string | null;
  updated_at: Date;
  version: Generated<number>;
}

/** A blurred box as fractions of the oriented image. */
export interface RedactionBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ExposurePhotosTable {
  id: Generated<string>;
  exposure_id: string;
  position: number;
  file_id: string;
  stage: 'before' | 'after';
  boxes: JSONColumnType<RedactionBox[], string, string>;
  public_key: string | null;
  width: number | null;
  height: number | null;
}

export interface ExposureDB {
  exposures: ExposuresTable;
  exposure_photos: ExposurePhotosTable;
}
