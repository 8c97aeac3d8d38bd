import { describe, expect, it } from 'vitest';
import { hasRepeatedWord, joinWithoutRepeat, roundSubject } from './round-title';

describe('round titles', () => {
  it('never repeat the kind', () => {
    expect(roundSubject({ name: '第3轮暗访', kind: 'covert' })).toBe('第3轮暗访');
    expect(roundSubject({ name: '十一月日常督查', kind: 'routine' })).toBe('十一月日常督查');
    expect(roundSubject({ name: '十一月督查', kind: 'routine' })).toBe('十一月日常督查');
    expect(roundSubject({ name: '城区农贸市场', kind: 'covert' })).toBe('城区农贸市场暗访');
    expect(joinWithoutRepeat('第二轮暗', '暗访')).toBe('第二轮暗访');
    expect(roundSubject({ name: '创建迎检', kind: 'mock' })).toBe('创建迎检模拟测评');
  });
  it('spots a repeated word', () => {
    expect(hasRepeatedWord('关于第3轮暗访暗访情况的通报')).toBe(true);
    expect(hasRepeatedWord('关于第3轮暗访情况的通报')).toBe(false);
  });
});
