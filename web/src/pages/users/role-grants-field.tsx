/** The roles of a user: each row a role and, by the role's scope type (common/roles ROLE_SCOPE), its target. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, SCOPE_TYPE_LABELS } from '@common/labels';
import { ROLE_SCOPE, ROLES, type Role } from '@common/roles';
import { Button, ConfigProvider, Form, Select, Typography } from 'antd';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { CampaignSelect, UnitSelect, type RemoteOption } from '../../components/remote-select';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function ScopePicker({ role, name, known }: { role?: Role; name: number; known: RemoteOption[] }) {
  const scope = role ? ROLE_SCOPE[role] : undefined;
  if (!scope || scope === 'global') {
    return (
      <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
        {scope ? '全局，无需选择范围' : '请先选择角色'}
      </Typography.Text>
    );
  }
  const label = `${SCOPE_TYPE_LABELS[scope]}范围`;
  const rules = [{ required: true, message: `请选择${SCOPE_TYPE_LABELS[scope]}` }];
  return (
    <Form.Item name={[name, 'scopeId']} rules={rules} style={{ marginBottom: 0, flex: 1, minWidth: 0 }}>
      {scope === 'region' ? (
        <RegionTreeSelect aria-label={label} placeholder="选择区域" style={{ width: '100%' }} />
      ) : scope === 'unit' ? (
        <UnitSelect aria-label={label} initialOptions={known} style={{ width: '100%' }} />
      ) : (
        <CampaignSelect aria-label={label} initialOptions={known} style={{ width: '100%' }} />
      )}
    </Form.Item>
  );
}

/** Form.List of role grants; `known` gives names for scope ids already granted. */
export function RoleGrantsField({ known, disabled }: { known: RemoteOption[]; disabled?: boolean }) {
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, roles?: unknown[]) => {
            if (!roles || roles.length === 0) throw new Error('至少分配一个角色');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <ConfigProvider componentDisabled={disabled}>
          {fields.map((field, index) => (
            <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8, flexWrap: 'wrap' }}>
              <Form.Item
                name={[field.name, 'role']}
                rules={[{ required: true, message: '请选择角色' }]}
                style={{ marginBottom: 0, width: 150 }}
              >
                <Select aria-label={`角色 ${index + 1}`} placeholder="角色" options={ROLE_OPTIONS} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => (
                  <ScopePicker role={getFieldValue(['roles', field.name, 'role']) as Role | undefined} name={field.name} known={known} />
                )}
              </Form.Item>
              {!disabled && (
                <Button
                  type="text"
                  aria-label={`移除第 ${index + 1} 行角色`}
                  icon={<MinusCircleOutlined aria-hidden />}
                  onClick={() => remove(field.name)}
                />
              )}
            </div>
          ))}
          {!disabled && (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
              添加角色
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </ConfigProvider>
      )}
    </Form.List>
  );
}

/** Role rows as the form holds them. */
export interface RoleRow {
  role?: Role;
  scopeId?: string;
}
