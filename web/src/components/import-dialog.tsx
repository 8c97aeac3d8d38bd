/** Excel import: template download, file pick, upload, then the result or every bad row (行, 列, 原因). */
import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { downloadTemplate, useImport, type ImportKind, type ImportResult } from '../api/import-export';
import { ImportErrors, type ImportFailure } from './import-errors';
import { notifyError } from './notify';

/** Import button that opens the dialog; `title` names what is imported (单位, 用户 ...). */
export function ImportButton({ kind, title }: { kind: ImportKind; title: string }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const importFile = useImport(kind);

  const reset = () => {
    setFile(null);
    setResult(null);
    setFailure(null);
  };

  const handleUpload = () => {
    if (!file) return;
    setResult(null);
    setFailure(null);
    importFile.mutate(file, {
      onSuccess: (data) => setResult(data ?? { created: 0, updated: 0 }),
      onError: (error) => {
        if (error instanceof ApiError && error.status !== 401) setFailure({ message: error.message, rows: error.rows ?? [] });
      },
    });
  };

  const handleTemplate = () => downloadTemplate(kind, `${title}导入模板.xlsx`).catch(notifyError);

  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导入
      </Button>
      <Modal
        title={`导入${title}`}
        open={open}
        width={720}
        destroyOnHidden
        afterClose={reset}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>完成</Button>
            <Button type="primary" disabled={!file} loading={importFile.isPending} onClick={handleUpload}>
              开始导入
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            请先下载模板，按模板填写后上传 .xlsx 文件。已存在的记录将被更新；任何一行有误时整个文件都不会导入。
          </Typography.Paragraph>
          <Button icon={<FileExcelOutlined aria-hidden />} onClick={handleTemplate}>
            下载模板
          </Button>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            beforeUpload={(picked) => {
              setFile(picked);
              setResult(null);
              setFailure(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">点击或拖拽 .xlsx 文件到此处</p>
          </Upload.Dragger>
          {result && <Alert type="success" showIcon title={`导入成功：新增 ${result.created} 条，更新 ${result.updated} 条`} />}
          {failure && <ImportErrors failure={failure} />}
        </Space>
      </Modal>
    </>
  );
}
