/** 退出登录: ends the current session. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { endSession } from '../../platform/auth/sessions';

/** Ends the session the request came with. */
export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await endSession(tx, sessionId, ctx.clock.now());
    await recordEvent(tx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.id });
  });
}
