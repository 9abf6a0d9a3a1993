import { useEffect, useState } from 'react';

/** The current instant, refreshed every `everyMs` (time-left labels and open SLA bands move on their own). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
