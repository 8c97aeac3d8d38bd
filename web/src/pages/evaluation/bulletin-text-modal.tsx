/**
 * 编辑下步工作要求: the office writes the closing section of the month's bulletin (通报) before downloading it — one
 * paragraph per line; a leading （一）…。 is set in bold as in the shipped text. Clearing it goes back to that text.
 */
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Run } from '../../api/evaluation';
import { useBulletinText, useSaveBulletinText } from '../../api/evaluation-standings';
import { notifyError } from '../../components/notify';

export function BulletinTextButton({ run }: { run: Run }) {
  const [open, setOpen] = useState(false);
  const text = useBulletinText(run.id, open);
  const save = useSaveBulletinText(run.id);
  const [form] = Form.useForm<{ requirements: string }>();
  const { message } = App.useApp();
  return (
    <>
      <Button icon={<EditOutlined aria-hidden />} onClick={() => setOpen(true)}>
        编辑下步工作要求
      </Button>
      <Modal
        title="通报：下步工作要求"
        open={open}
        width={720}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await save.mutateAsync({ requirements: v.requirements, version: run.version });
            message.success('已保存，下载的通报将使用新的下步工作要求');
            setOpen(false);
          } catch (error) {
            notifyError(error);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          每行一段；以“（一）……。”开头的小标题在通报中加粗。清空后保存，恢复为系统默认内容。
          {text.data && !text.data.custom && '（当前为系统默认内容）'}
        </Typography.Paragraph>
        {text.data && (
          <Form form={form} layout="vertical" initialValues={{ requirements: text.data.requirements }} preserve={false}>
            <Form.Item name="requirements" label="下步工作要求" rules={[{ max: 5000, message: '下步工作要求不超过 5000 字' }]}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
