/** 短信提醒 in 个人中心: whether I receive notices by SMS, and the number they go to (masked). */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/outbox';

/** The number as the person sees it (138****5678), or null without one. */
const masked = (phone: string | null) => (phone ? maskPhone(phone) : null);

export async function readSmsNotices(ctx: Ctx) {
  const row = await ctx.db.selectFrom('users').select(['phone', 'sms_notices']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  return { enabled: row.sms_notices && !!row.phone, phoneMasked: masked(row.phone) };
}

/** Turns SMS notices on or off for the actor; on needs a phone number on the account (the 安全管理员 records it). */
export async function setSmsNotices(ctx: Ctx, enabled: boolean) {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('users')
      .select(['phone', 'sms_notices'])
      .where('id', '=', ctx.actor.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (enabled && !row.phone) throw new AppError('validation', '您的账号未登记手机号，请联系安全管理员登记后再开启短信提醒');
    if (row.sms_notices !== enabled) {
      await tx.updateTable('users').set({ sms_notices: enabled }).where('id', '=', ctx.actor.id).execute();
      await recordEvent(tx, ctx, {
        action: 'user.sms_notices_changed',
        subjectType: 'user',
        subjectId: ctx.actor.id,
        before: { sms_notices: row.sms_notices },
        after: { sms_notices: enabled },
      });
    }
    return { enabled: enabled && !!row.phone, phoneMasked: masked(row.phone) };
  });
}
