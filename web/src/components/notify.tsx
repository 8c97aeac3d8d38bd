/** A bridge so code outside React (the query cache) can show antd messages with the app's theme. */
import { App } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { useEffect } from 'react';

let messageApi: MessageInstance | null = null;

/** Show an error's (Chinese) message as a toast. */
export function notifyError(error: unknown): void {
  const text = error instanceof Error && error.message ? error.message : '操作失败，请稍后重试';
  messageApi?.error({ content: text, key: text });
}

/** Show a success toast. */
export function notifySuccess(text: string): void {
  messageApi?.success(text);
}

/** Mount once inside antd <App> to connect the bridge. */
export function NotifyBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    messageApi = message;
    return () => {
      messageApi = null;
    };
  }, [message]);
  return null;
}
