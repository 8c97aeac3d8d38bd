/** Downloads an .xlsx export with the list's current filters. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { QueryParams } from '../api/client';
import { downloadExport } from '../api/import-export';
import { notifyError } from './notify';

/** Export button (导出). */
export function ExportButton({ path, params, fileName }: { path: string; params: QueryParams; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const handleClick = async () => {
    setBusy(true);
    try {
      await downloadExport(path, params, fileName);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={handleClick}>
      导出
    </Button>
  );
}
