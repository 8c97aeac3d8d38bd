/**
 * Solves the server's proof-of-work challenge in the background (GET /api/public/challenge: find n ≤ maxnumber with
 * SHA-256(salt + n) = challenge), in slices so the page stays responsive, reporting progress.
 */
import { useCallback, useRef, useState } from 'react';
import { getJson } from './api';
import { sha256Hex } from './sha256';

export interface Proof {
  challenge: string;
  salt: string;
  number: number;
}

interface Challenge {
  challenge: string;
  salt: string;
  maxnumber: number;
}

/** Fetches a challenge and solves it; `onProgress` gets 0…1 (the share of numbers tried, an upper bound). */
export async function solveProof(onProgress: (share: number) => void): Promise<Proof> {
  const c = await getJson<Challenge>('/api/public/challenge');
  for (let start = 0; start <= c.maxnumber; start += 2000) {
    const end = Math.min(start + 2000, c.maxnumber + 1);
    for (let n = start; n < end; n++) {
      if (sha256Hex(`${c.salt}${n}`) === c.challenge) {
        onProgress(1);
        return { challenge: c.challenge, salt: c.salt, number: n };
      }
    }
    onProgress(end / (c.maxnumber + 1));
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error('人机验证计算失败，请刷新页面重试');
}

/**
 * A page's proof of work: `start` solves a new challenge in the background (its progress in `progress`), `take` gives
 * the one under way to a submission. A challenge is used once, so a page starts another after each submission.
 */
export function useProof(): { progress: number; start: () => void; take: () => Promise<Proof> } {
  const [progress, setProgress] = useState(0);
  const proof = useRef<Promise<Proof> | null>(null);
  const start = useCallback(() => {
    setProgress(0);
    proof.current = solveProof(setProgress);
    proof.current.catch(() => undefined);
  }, []);
  const take = useCallback(() => proof.current!, []);
  return { progress, start, take };
}
