/** Hours as the office thinks of them: 168 小时 → 7 天, 36 小时 → 1 天 12 小时. */

/** "7 天", "1 天 12 小时", "8 小时"; whole days count as working days when `workingDays`. */
export function hoursAsDays(hours: number, workingDays = false): string {
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const dayText = days ? `${days} ${workingDays ? '个工作日' : '天'}` : '';
  const restText = rest ? `${rest} 小时` : '';
  return [dayText, restText].filter(Boolean).join(' ') || '0 小时';
}

/** What the office reads when someone else saved the same severity first. */
export function conflictText(severityLabel: string): string {
  return `「${severityLabel}」的整改时限刚被他人修改，已重新加载最新设置，请核对后再修改。`;
}
