/** 短信提醒: a person opts in to receiving 督办, 到期提醒 and the other notices their region sends by SMS. */
import { Alert, Card, Skeleton, Space, Switch, Typography } from 'antd';
import { useSetSmsNotices, useSmsNotices } from '../../api/auth';
import { notifyError, notifySuccess } from '../../components/notify';

export function SmsNoticesCard() {
  const { data, isLoading } = useSmsNotices();
  const set = useSetSmsNotices();
  return (
    <Card title="短信提醒" variant="borderless" style={{ height: '100%' }}>
      {isLoading || !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space>
            <Switch
              checked={data.enabled}
              loading={set.isPending}
              disabled={!data.phoneMasked}
              onChange={(enabled) =>
                set.mutate(enabled, {
                  onSuccess: () => notifySuccess(enabled ? '已开启短信提醒' : '已关闭短信提醒'),
                  onError: (e) => notifyError(e),
                })
              }
              aria-label="短信提醒"
            />
            <Typography.Text>
              {data.enabled
                ? `已开启，发送至 ${data.phoneMasked}`
                : data.phoneMasked
                  ? `未开启（登记的手机号 ${data.phoneMasked}）`
                  : '未开启'}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary">
            开启后，本区域设定通过短信发送的提醒（如督办、升级督办、到期提醒）也会发到您的手机；站内消息照常接收。
          </Typography.Text>
          {!data.phoneMasked && <Alert type="info" showIcon title="您的账号未登记手机号，请联系安全管理员登记后再开启。" />}
        </Space>
      )}
    </Card>
  );
}
