/**
 * The drawer every create/edit form opens in: full width on a phone, `width` on a desktop, 取消 and the save button in
 * the footer (the button shows `saving`; `onSave` submits the form). `keepMounted` keeps the form's fields mounted
 * while closed (forms whose antd `Form` instance is set up before the drawer opens); otherwise the form is made anew
 * at each opening.
 */
import { Button, Drawer, Grid, Space } from 'antd';
import type { ReactNode } from 'react';

export function FormDrawer({
  open,
  title,
  width,
  onClose,
  onSave,
  saving,
  saveLabel = '保存',
  keepMounted = false,
  children,
}: {
  open: boolean;
  title: ReactNode;
  width: number;
  onClose: () => void;
  onSave: () => void;
  saving: boolean;
  saveLabel?: ReactNode;
  keepMounted?: boolean;
  children: ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={open}
      title={title}
      size={screens.md === false ? '100%' : width}
      onClose={onClose}
      forceRender={keepMounted}
      destroyOnHidden={!keepMounted}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={onSave}>
            {saveLabel}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
