/** One error type with a stable code; the HTTP status comes from one map. */
export const ERROR_STATUS = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  csrf: 403,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  in_use: 409,
  duplicate: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_invalid: 422,
  unprocessable: 422,
  invalid_transition: 422,
  password_policy: 422,
  separation_of_duties: 422,
  code_invalid: 422,
  code_expired: 422,
  code_used: 422,
  outside_geofence: 422,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A failure the client can act on; `message` is shown to the user in Chinese. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 404 without telling whether the record exists outside the caller's scope. */
export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在或无权查看`);
export const forbidden = (message = '没有权限执行此操作') => new AppError('forbidden', message);
export const versionConflict = () => new AppError('version_conflict', '数据已被他人修改，请刷新后重试');
