/** 导入任务表 (with every bad row shown; nothing written when any is bad) and 从测评体系生成 (confirm with a due date). */
import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadPlanTemplate, useGenerateTasks, useImportTasks, type GenerateResult, type PlanImportResult } from '../../api/plans';
import { ImportDialog } from '../../components/import-dialog';

export function ImportTasksModal({ planId, open, onClose }: { planId: string; open: boolean; onClose: () => void }) {
  const importFile = useImportTasks(planId);
  return (
    <ImportDialog<PlanImportResult>
      title="导入任务表"
      open={open}
      onClose={onClose}
      hint={
        <>
          按任务分解表填写：序号 | 工作任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 | 责任领导（序号 1.1 为 1 的下级任务）。
          所有行都会检查，任何一行有误时整个文件都不会导入。
        </>
      }
      dropText="点击或拖拽 .xlsx 任务表到此处"
      onTemplate={downloadPlanTemplate}
      mutation={importFile}
      describe={(r) => `导入成功：新增 ${r.created} 项任务${r.updated ? `，更新 ${r.updated} 项` : ''}`}
    />
  );
}

export function GenerateTasksModal({ planId, open, onClose }: { planId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ dueDate: Dayjs; startDate?: Dayjs }>();
  const generate = useGenerateTasks(planId);
  const [result, setResult] = useState<GenerateResult | null>(null);

  const submit = (v: { dueDate: Dayjs; startDate?: Dayjs }) =>
    generate.mutate({ dueDate: v.dueDate.format('YYYY-MM-DD'), startDate: v.startDate?.format('YYYY-MM-DD') }, { onSuccess: setResult });

  return (
    <Modal
      title="从测评体系生成任务"
      open={open}
      destroyOnHidden
      afterClose={() => setResult(null)}
      onCancel={onClose}
      okText={result ? '完成' : '生成'}
      cancelText="取消"
      confirmLoading={generate.isPending}
      onOk={() => (result ? onClose() : form.submit())}
    >
      {result ? (
        <Alert
          type="success"
          showIcon
          title={`已生成 ${result.created} 项任务`}
          description={result.skipped ? `${result.skipped} 条标准已有关联任务，已跳过` : undefined}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            为测评体系中已分解到责任单位、尚未关联任务的每条标准生成一项任务（牵头单位为标准的责任单位），完成后可逐项调整。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="startDate" label="开始日期" extra="不填则从今天开始">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
