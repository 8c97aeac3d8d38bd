/** Excel import: template download, file pick, upload, then the result or every bad row (行, 列, 原因). */
import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { downloadTemplate, useImport, type ImportKind, type ImportResult } from '../api/import-export';
import { ImportErrors, type ImportFailure } from './import-errors';
import { notifyError } from './notify';

/** What an import answers: created rows and, where the import updates, updated ones. */
interface Imported {
  created: number;
  updated?: number;
}

/**
 * The import dialog over any all-or-nothing .xlsx import: a hint, the template, the file, then the result (in the
 * caller's words, `describe`) or every bad row.
 */
export function ImportDialog<R extends Imported>({
  title,
  open,
  onClose,
  hint,
  dropText = '点击或拖拽 .xlsx 文件到此处',
  onTemplate,
  mutation,
  describe,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  hint: ReactNode;
  dropText?: string;
  onTemplate: () => Promise<unknown>;
  mutation: UseMutationResult<R | undefined, Error, File>;
  describe: (result: R) => string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const reset = () => {
    setFile(null);
    setResult(null);
    setFailure(null);
  };

  const handleUpload = () => {
    if (!file) return;
    setResult(null);
    setFailure(null);
    mutation.mutate(file, {
      onSuccess: (data) => setResult(data ?? ({ created: 0, updated: 0 } as R)),
      onError: (error) => {
        if (error instanceof ApiError && error.status !== 401) setFailure({ message: error.message, rows: error.rows ?? [] });
        else if (!(error instanceof ApiError)) notifyError(error); // a 401 sends to the login page by itself
      },
    });
  };

  return (
    <Modal
      title={title}
      open={open}
      width={720}
      destroyOnHidden
      afterClose={reset}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>完成</Button>
          <Button type="primary" disabled={!file} loading={mutation.isPending} onClick={handleUpload}>
            开始导入
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {hint}
        </Typography.Paragraph>
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => onTemplate().catch(notifyError)}>
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
          <p className="ant-upload-text">{dropText}</p>
        </Upload.Dragger>
        {result && <Alert type="success" showIcon title={describe(result)} />}
        {failure && <ImportErrors failure={failure} />}
      </Space>
    </Modal>
  );
}

/** Import button that opens the dialog; `title` names what is imported (单位, 用户 ...). */
export function ImportButton({ kind, title }: { kind: ImportKind; title: string }) {
  const [open, setOpen] = useState(false);
  const importFile = useImport(kind);
  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导入
      </Button>
      <ImportDialog<ImportResult>
        title={`导入${title}`}
        open={open}
        onClose={() => setOpen(false)}
        hint="请先下载模板，按模板填写后上传 .xlsx 文件。已存在的记录将被更新；任何一行有误时整个文件都不会导入。"
        onTemplate={() => downloadTemplate(kind, `${title}导入模板.xlsx`)}
        mutation={importFile}
        describe={(r) => `导入成功：新增 ${r.created} 条，更新 ${r.updated} 条`}
      />
    </>
  );
}
