/** 登记 / 编辑慈善组织 in a drawer (the office): the code is checked by GB 32100 on the server (a wrong one: 422). */
import { CHARITY_ORG_KIND_LABELS, CHARITY_ORG_KINDS, CHARITY_ORG_STATUS_LABELS, CHARITY_ORG_STATUSES, isValidUscc } from '@common/charity';
import { orgBody } from '@common/contracts/charity';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useRegisterCharityOrg, useUpdateCharityOrg, type CharityOrg } from '../../api/charity';
import { ApiError } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { fieldRule } from '../../components/zod-rule';
import { FormDrawer } from '../../components/form-drawer';

interface Values {
  regionId: string;
  name: string;
  creditCode: string;
  kind: CharityOrg['kind'];
  status?: CharityOrg['status'];
  registeredOn?: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  description?: string;
}

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);

export function OrgDrawer({ open, org, onClose }: { open: boolean; org?: CharityOrg; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const register = useRegisterCharityOrg();
  const update = useUpdateCharityOrg();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (org)
      form.setFieldsValue({
        ...org,
        registeredOn: org.registeredOn ? dayjs(org.registeredOn) : null,
        contactName: org.contactName ?? undefined,
        contactPhone: org.contactPhone ?? undefined,
        address: org.address ?? undefined,
        description: org.description ?? undefined,
      });
  }, [open, org, form]);

  const submit = async () => {
    // A field refused shows its message under the field; nothing else to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    const common = {
      name: v.name,
      creditCode: v.creditCode,
      kind: v.kind,
      registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
      contactName: blank(v.contactName),
      contactPhone: blank(v.contactPhone),
      address: blank(v.address),
      description: blank(v.description),
    };
    try {
      if (org) {
        await update.mutateAsync({ id: org.id, ...common, status: v.status ?? org.status, version: org.version });
        notifySuccess('登记信息已保存');
        onClose();
      } else {
        const created = await register.mutateAsync({ regionId: v.regionId, ...common });
        notifySuccess('慈善组织已登记');
        onClose();
        navigate(`/charity/organisations/${created.id}`);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };
  const shape = orgBody.shape;
  return (
    <FormDrawer
      open={open}
      title={org ? `编辑「${org.name}」` : '登记慈善组织'}
      width={520}
      onClose={onClose}
      onSave={submit}
      saving={register.isPending || update.isPending}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="regionId" label="登记区划（区县或乡镇）" required rules={org ? [] : [fieldRule(shape.regionId)]}>
          <RegionTreeSelect disabled={!!org} />
        </Form.Item>
        <Form.Item name="name" label="组织名称" required rules={[fieldRule(shape.name)]}>
          <Input maxLength={80} placeholder="如：某县慈善总会" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          required
          rules={[
            {
              validator: async (_, value?: string) => {
                if (!value || !isValidUscc(value)) throw new Error('统一社会信用代码不正确（18 位，末位校验码须正确）');
              },
            },
          ]}
        >
          <Input maxLength={18} placeholder="18 位，如 51130100XXXXXXXXXX" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="kind" label="组织类型" required rules={[fieldRule(shape.kind)]}>
          <Select options={CHARITY_ORG_KINDS.map((k) => ({ value: k, label: CHARITY_ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        {org && (
          <Form.Item name="status" label="状态" required>
            <Select options={CHARITY_ORG_STATUSES.map((s) => ({ value: s, label: CHARITY_ORG_STATUS_LABELS[s] }))} />
          </Form.Item>
        )}
        <Form.Item name="registeredOn" label="登记日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contactName" label="联系人">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="简介">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
