/** 导入测评体系: campaign + version name + .xlsx; every bad row (行, 列, 原因) on 422; the new version on success. */
import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { downloadStandardsTemplate, useImportStandards, type ImportStandardsResult } from '../../api/standards';
import { ImportErrors, type ImportFailure } from '../../components/import-errors';
import { notifyError } from '../../components/notify';
import { useCampaignOptions } from './use-campaign-options';

interface Values {
  campaignId: string;
  versionName: string;
}

/** 导入 button with its dialog. */
export function ImportStandardsButton({ defaultCampaignId }: { defaultCampaignId?: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const [result, setResult] = useState<ImportStandardsResult | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const campaigns = useCampaignOptions();
  const importFile = useImportStandards();
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure || result) outcome.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [failure, result]);

  const reset = () => {
    form.resetFields();
    setFile(null);
    setFileError(false);
    setResult(null);
    setFailure(null);
  };

  const handleFinish = (values: Values) => {
    if (!file) {
      setFileError(true);
      return;
    }
    setResult(null);
    setFailure(null);
    importFile.mutate(
      { file, campaignId: values.campaignId, versionName: values.versionName.trim() },
      {
        onSuccess: setResult,
        onError: (error) => {
          if (error instanceof ApiError && error.status !== 401) setFailure({ message: error.message, rows: error.rows ?? [] });
        },
      },
    );
  };

  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导入
      </Button>
      <Modal
        title="导入测评体系"
        open={open}
        width={760}
        destroyOnHidden
        afterClose={reset}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>{result ? '完成' : '取消'}</Button>
            {result ? (
              <Button type="primary" onClick={() => navigate(`/standards/versions/${result.versionId}`)}>
                查看新版本
              </Button>
            ) : (
              <Button type="primary" loading={importFile.isPending} onClick={() => form.submit()}>
                开始导入
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          每行一条测评标准（测评项目、测评内容、编码、测评标准、测评方法、分值、适用点位类型、牵头单位、责任单位、负面清单），导入后成为所选创建项目的一个新版本；任何一行有误时整个文件都不会导入。
        </Typography.Paragraph>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          style={{ marginBottom: 16 }}
          onClick={() => downloadStandardsTemplate().catch(notifyError)}
        >
          下载模板
        </Button>
        <Form
          name="standardsImport"
          form={form}
          layout="vertical"
          onFinish={handleFinish}
          initialValues={{ campaignId: defaultCampaignId }}
        >
          <Form.Item label="创建项目" name="campaignId" rules={[{ required: true, message: '请选择创建项目' }]}>
            <Select
              options={campaigns.options}
              loading={campaigns.loading}
              placeholder="选择创建项目"
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item
            label="版本名称"
            name="versionName"
            rules={[
              { required: true, whitespace: true, message: '请填写版本名称' },
              { max: 60, message: '版本名称不超过 60 个字' },
            ]}
          >
            <Input maxLength={60} placeholder="如：2027 年测评体系" />
          </Form.Item>
          <Form.Item
            label="Excel 文件"
            required
            validateStatus={fileError ? 'error' : undefined}
            help={fileError ? '请选择 .xlsx 文件' : undefined}
          >
            <Upload
              accept=".xlsx"
              maxCount={1}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              beforeUpload={(picked) => {
                setFile(picked);
                setFileError(false);
                setResult(null);
                setFailure(null);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<InboxOutlined aria-hidden />}>选择 .xlsx 文件</Button>
            </Upload>
          </Form.Item>
        </Form>
        <div ref={outcome}>
          {result && (
            <Alert
              type="success"
              showIcon
              title={`导入成功：${result.counts.standards} 条测评标准，${result.counts.items} 个测评项目和测评内容`}
            />
          )}
          {failure && <ImportErrors failure={failure} />}
        </div>
      </Modal>
    </>
  );
}
