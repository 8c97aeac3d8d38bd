/**
 * zod's own messages in Chinese in the browser, as on the server (the shared schemas in common/ validate some forms).
 * Imported for its effect; main.tsx loads it after the first screen. The core and one locale only, not every
 * language `z.locales` would bring.
 */
import { config } from 'zod/v4/core';
import zhCN from 'zod/v4/locales/zh-CN.js';

config(zhCN());
