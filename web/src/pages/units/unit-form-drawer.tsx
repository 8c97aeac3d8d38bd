/** Create or edit a unit in a drawer with validation. */
import { UNIT_TYPES, type UnitType } from '@common/enums';
import { UNIT_TYPE_LABELS } from '@common/labels';
import { Alert, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useCreateUnit, useUpdateUnit, type Unit, type UnitInput } from '../../api/units';
import { can } from '../../api/types';
import { PHONE_RULE } from '../../components/form-rules';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';
import { FormDrawer } from '../../components/form-drawer';

interface Values {
  name: string;
  type: UnitType;
  regionId: string;
  parentId?: string;
  headName?: string;
  headPhone?: string;
  liaisonName?: string;
  liaisonPhone?: string;
  active: boolean;
}

const blank = (v?: string) => (v && v.trim() ? v.trim() : null);

/** Drawer form; `unit` is the record to edit, 'new' to create, null when closed. */
export function UnitFormDrawer({ unit, onClose }: { unit: Unit | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const editing = unit && unit !== 'new' ? unit : null;
  // A unit's own people may only keep contacts current; the organisation's shape needs `restructure`.
  const contactsOnly = !!editing && !can(editing, 'restructure');

  useEffect(() => {
    if (!unit) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        ...editing,
        parentId: editing.parentId ?? undefined,
        regionId: editing.regionId ?? undefined,
        headName: editing.headName ?? undefined,
        headPhone: editing.headPhone ?? undefined,
        liaisonName: editing.liaisonName ?? undefined,
        liaisonPhone: editing.liaisonPhone ?? undefined,
      } as Values);
    }
  }, [unit, editing, form]);

  const handleFinish = (values: Values) => {
    const contacts = {
      headName: blank(values.headName),
      headPhone: blank(values.headPhone),
      liaisonName: blank(values.liaisonName),
      liaisonPhone: blank(values.liaisonPhone),
    };
    const input: UnitInput = {
      name: values.name.trim(),
      type: values.type,
      regionId: values.regionId,
      parentId: values.parentId ?? null,
      active: values.active,
      ...contacts,
    };
    const done = () => {
      notifySuccess('已保存');
      onClose();
    };
    if (editing) {
      const changes = contactsOnly ? contacts : input;
      update.mutate({ ...changes, id: editing.id, version: editing.version }, { onSuccess: done });
    } else create.mutate(input, { onSuccess: done });
  };

  return (
    <FormDrawer
      open={!!unit}
      title={editing ? `编辑单位「${editing.name}」` : '新增单位'}
      width={560}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      keepMounted
    >
      {contactsOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您可以更新本单位一把手和联络员的联系信息；名称、类型、区域等由创建办维护。"
        />
      )}
      <Form name="unit" form={form} layout="vertical" onFinish={handleFinish} initialValues={{ active: true }}>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入单位名称' },
            { min: 2, max: 60, message: '单位名称须为 2–60 个字' },
          ]}
        >
          <Input maxLength={60} disabled={contactsOnly} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="单位类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
              <Select disabled={contactsOnly} options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {contactsOnly ? (
              <Form.Item label="所属区域">
                <Input disabled value={editing?.regionName ?? ''} />
              </Form.Item>
            ) : (
              <Form.Item label="所属区域" name="regionId" rules={[{ required: true, message: '请选择所属区域' }]}>
                <RegionTreeSelect allowClear={false} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item label="上级单位" name="parentId">
          <UnitSelect
            placeholder="无"
            disabled={contactsOnly}
            initialOptions={editing?.parentId ? [{ id: editing.parentId, name: editing.parentName ?? '' }] : []}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="一把手" name="headName" rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="一把手电话" name="headPhone" rules={[PHONE_RULE]}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="联络员" name="liaisonName" rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="联络员电话" name="liaisonPhone" rules={[PHONE_RULE]}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" disabled={contactsOnly} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
