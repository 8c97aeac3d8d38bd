/** Create or edit a user account, including roles and their scope. */
import { Alert, Col, Form, Input, Row, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { can } from '../../api/types';
import { isPending, useCreateUser, useUpdateUser, type User } from '../../api/users';
import { PHONE_RULE } from '../../components/form-rules';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';
import { RoleGrantsField, type RoleRow } from './role-grants-field';
import { FormDrawer } from '../../components/form-drawer';

interface Values {
  username: string;
  name: string;
  phone?: string;
  unitId?: string;
  regionId?: string;
  roles: RoleRow[];
}

interface Props {
  user: User | 'new' | null;
  onClose: () => void;
  onCreated: (user: User, initialPassword: string) => void;
}

/** Drawer with the account form. */
export function UserFormDrawer({ user, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = user && user !== 'new' ? user : null;
  const canAssign = !editing || can(editing, 'assignRoles');
  const canUpdate = !editing || can(editing, 'update');
  const known = useMemo(
    () => (editing?.roles ?? []).filter((g) => g.scopeId && g.scopeName).map((g) => ({ id: g.scopeId!, name: g.scopeName! })),
    [editing],
  );
  const knownUnit = editing?.unitId ? [{ id: editing.unitId, name: editing.unitName ?? '' }] : [];

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        username: editing.username,
        name: editing.name,
        phone: editing.phone ?? undefined,
        unitId: editing.unitId ?? undefined,
        regionId: editing.regionId ?? undefined,
        roles: editing.roles.map((g) => ({ role: g.role, scopeId: g.scopeId ?? undefined })),
      });
    } else {
      form.setFieldsValue({ roles: [{}] });
    }
  }, [user, editing, form]);

  const handleFinish = (values: Values) => {
    const roles = values.roles.map((r) => ({ role: r.role!, scopeId: r.scopeId ?? null }));
    const profile = {
      name: values.name.trim(),
      phone: values.phone?.trim() || null,
      unitId: values.unitId ?? null,
      regionId: values.regionId ?? null,
    };
    if (!editing) {
      create.mutate(
        { username: values.username.trim(), ...profile, roles },
        {
          onSuccess: (result) => {
            onClose();
            if (isPending(result)) notifySuccess('三员账号须经另一类三员批准，已提交审批；批准后临时密码发送到本人手机');
            else if (result.delivery) notifySuccess(`账号已开通（首次开通，尚无其他三员可审批），${result.delivery.message}`);
            else onCreated(result.user, result.initialPassword!);
          },
        },
      );
      return;
    }
    const changes = {
      ...(canUpdate ? profile : {}),
      ...(canAssign ? { roles } : {}),
    };
    update.mutate(
      { id: editing.id, version: editing.version, ...changes },
      {
        onSuccess: (result) => {
          notifySuccess(isPending(result) ? '涉及三员的变更已提交审批，须由另一类三员批准后生效' : '已保存');
          onClose();
        },
      },
    );
  };

  return (
    <FormDrawer
      open={!!user}
      title={editing ? `编辑用户「${editing.name}」` : '新建用户'}
      width={640}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      keepMounted
    >
      <Form name="user" form={form} layout="vertical" onFinish={handleFinish}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="用户名"
              name="username"
              rules={[
                { required: true, message: '请输入用户名' },
                { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: '以字母开头，3–32 位字母、数字、下划线、点或横线' },
              ]}
            >
              <Input disabled={!!editing} autoComplete="off" maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { min: 2, max: 30, message: '姓名须为 2–30 个字' },
              ]}
            >
              <Input disabled={!canUpdate} maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="手机号" name="phone" rules={[PHONE_RULE]}>
              <Input disabled={!canUpdate} inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="所属单位" name="unitId">
              <UnitSelect disabled={!canUpdate} initialOptions={knownUnit} placeholder="无" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="所属区域" name="regionId">
              <RegionTreeSelect disabled={!canUpdate} placeholder="无" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>角色与授权范围</Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="三员分立：系统管理员、安全管理员、审计管理员三者只能任其一，且不能兼任业务角色。"
        />
        {!canAssign && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="您不能修改此账号的角色。" />}
        <RoleGrantsField known={known} disabled={!canAssign} />
        {!editing && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            保存后系统生成初始密码并只显示一次，用户首次登录时须修改密码。三员账号须填写本人手机号，经另一类三员批准后，临时密码只以短信发给本人。
          </Typography.Paragraph>
        )}
      </Form>
    </FormDrawer>
  );
}
