/** Who manages integrator keys and the public interface settings. */
import { definePolicy } from '../../platform/policy';

export const integrationsPolicy = definePolicy('integrations', {
  // 对接密钥: issued and revoked by the 安全管理员 (accounts and credentials are their duty).
  keys: ['security_admin'],
  // Which sources are public and where the 12345 办结回复 goes: the office of the region.
  settings: ['office'],
});
