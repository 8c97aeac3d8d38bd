/** 复制版本: copies every standard under a new name (for a new year), then opens the copy. */
import { CopyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCloneVersion, type VersionTree } from '../../api/standards';
import { notifySuccess } from '../../components/notify';

/** 复制版本 button with its name prompt. */
export function CloneVersionButton({ version }: { version: VersionTree }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const clone = useCloneVersion();
  const navigate = useNavigate();

  const handleFinish = ({ name }: { name: string }) =>
    clone.mutate(
      { id: version.id, name: name.trim() },
      {
        onSuccess: (result) => {
          notifySuccess(`已复制为「${name.trim()}」`);
          setOpen(false);
          navigate(`/standards/versions/${result.versionId}`);
        },
      },
    );

  return (
    <>
      <Button icon={<CopyOutlined aria-hidden />} onClick={() => setOpen(true)}>
        复制版本
      </Button>
      <Modal
        title="复制版本"
        open={open}
        okText="复制"
        cancelText="取消"
        confirmLoading={clone.isPending}
        destroyOnHidden
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">
          将「{version.name}」的 {version.standards} 条测评标准（含牵头、责任单位）复制为同一创建项目下的新版本，之后可导出修改再导入。
        </Typography.Paragraph>
        <Form
          name="cloneVersion"
          form={form}
          layout="vertical"
          onFinish={handleFinish}
          initialValues={{ name: `${version.name}（副本）`.slice(0, 60) }}
        >
          <Form.Item
            label="新版本名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请填写新版本名称' },
              { min: 2, max: 60, message: '新版本名称须为 2–60 个字' },
            ]}
          >
            <Input maxLength={60} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
