/** Add or edit one leading-group member, including the units they are paired with (结对联创). */
import { GROUP_ROLES, type GroupRole } from '@common/enums';
import { GROUP_ROLE_LABELS } from '@common/labels';
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useAddLeadingMember, useUpdateLeadingMember, type LeadingGroupMember } from '../../api/campaigns';
import type { Id } from '../../api/types';
import { PHONE_RULE } from '../../components/form-rules';
import { notifySuccess } from '../../components/notify';
import { UnitSelect } from '../../components/remote-select';

interface Values {
  name: string;
  post: string;
  groupRole: GroupRole;
  phone?: string;
  sort?: number;
  unitIds: string[];
}

interface Props {
  campaignId: Id;
  member: LeadingGroupMember | 'new' | null;
  nextSort: number;
  onClose: () => void;
}

/** Member modal. */
export function LeadingMemberModal({ campaignId, member, nextSort, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const add = useAddLeadingMember(campaignId);
  const update = useUpdateLeadingMember(campaignId);
  const editing = member && member !== 'new' ? member : null;

  useEffect(() => {
    if (!member) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({ ...editing, phone: editing.phone ?? undefined, unitIds: editing.units.map((u) => u.id) });
    } else {
      form.setFieldsValue({ groupRole: 'member', sort: nextSort, unitIds: [] });
    }
  }, [member, editing, form, nextSort]);

  const handleFinish = (values: Values) => {
    const input = {
      name: values.name.trim(),
      post: values.post.trim(),
      groupRole: values.groupRole,
      phone: values.phone?.trim() || null,
      sort: values.sort,
      unitIds: values.unitIds ?? [],
    };
    const done = () => {
      notifySuccess('已保存');
      onClose();
    };
    if (editing) update.mutate({ ...input, id: editing.id, version: editing.version }, { onSuccess: done });
    else add.mutate(input, { onSuccess: done });
  };

  return (
    <Modal
      open={!!member}
      title={editing ? `编辑成员「${editing.name}」` : '添加领导小组成员'}
      okText="保存"
      width={600}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending || update.isPending}
      forceRender
    >
      <Form name="member" form={form} layout="vertical" onFinish={handleFinish}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { min: 2, max: 30, message: '姓名须为 2–30 个字' },
              ]}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="组内职务" name="groupRole" rules={[{ required: true, message: '请选择组内职务' }]}>
              <Select options={GROUP_ROLES.map((r) => ({ value: r, label: GROUP_ROLE_LABELS[r] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="职务"
          name="post"
          rules={[
            { required: true, whitespace: true, message: '请输入职务' },
            { min: 2, max: 60, message: '职务须为 2–60 个字' },
          ]}
        >
          <Input maxLength={60} placeholder="例如：县委副书记、县长" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={16}>
            <Form.Item label="电话" name="phone" rules={[PHONE_RULE]}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item label="排序" name="sort">
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="结对联创单位" name="unitIds" extra="该领导联系、包保的责任单位">
          <UnitSelect mode="multiple" placeholder="选择单位（可多选）" initialOptions={editing?.units ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
