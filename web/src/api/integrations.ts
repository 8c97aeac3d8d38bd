/** 对接密钥 (integrator keys, the 安全管理员's) and 12345 工单 (the office's import, list and 办结回复 export). */
import type { CreatedIntegrationKeyDto, HotlineOrderDto, ImportResultDto, IntegrationKeyDto, IntegrationKeyInput } from '@common/contracts';
import { api, downloadFile, uploadFile, type QueryParams } from './client';
import { useList, useResourceMutation } from './resource';

export type IntegrationKey = IntegrationKeyDto;
export type HotlineOrder = HotlineOrderDto;

/** Keys, live first. */
export function useIntegrationKeys(params: { page: number; pageSize: number; revoked?: boolean }) {
  return useList<IntegrationKey>('integration-keys', '/api/integrations/keys', params);
}

/** Issues a key; the answer holds its value, shown once. */
export function useIssueKey() {
  return useResourceMutation(['integration-keys'], (input: IntegrationKeyInput) =>
    api.post<CreatedIntegrationKeyDto>('/api/integrations/keys', input),
  );
}

/** Revokes a key at the version on screen. */
export function useRevokeKey() {
  return useResourceMutation(['integration-keys'], (k: IntegrationKey) =>
    api.post<IntegrationKey>(`/api/integrations/keys/${k.id}/revoke`, { version: k.version }),
  );
}

/** 12345 work orders in the reader's area (工单号 search, replied or not). */
export function useHotlineOrders(params: { page: number; pageSize: number; orderNo?: string; replied?: boolean }) {
  return useList<HotlineOrder>('hotline-orders', '/api/hotline/orders', params);
}

/** Uploads the 12345 sheet; 422 import_invalid carries every bad row (shown on the page, not a toast). */
export function useHotlineImport() {
  return useResourceMutation(['hotline-orders'], (file: File) => uploadFile<ImportResultDto>('/api/hotline/import', file), {
    silent: true,
  });
}

/** The import template. */
export const downloadHotlineTemplate = () => downloadFile('/api/hotline/import-template', undefined, '12345工单导入模板.xlsx');

/** 办结回复 .xlsx with the list's filters. */
export const downloadHotlineReplies = (params: QueryParams) => downloadFile('/api/hotline/replies.xlsx', params, '12345工单办结回复.xlsx');
