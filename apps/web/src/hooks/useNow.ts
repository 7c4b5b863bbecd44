import { useEffect, useState } from 'react';

/** The current Unix time, ticking every second: for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "2 days 3 hours", "4 minutes 10 seconds": a remaining time in words. */
export function remaining(seconds: number): string {
  if (seconds <= 0) return 'expired';
  const parts: [number, string][] = [[Math.floor(seconds / 86_400), 'day'], [Math.floor((seconds % 86_400) / 3600), 'hour'], [Math.floor((seconds % 3600) / 60), 'minute'], [seconds % 60, 'second']];
  return parts.filter(([n]) => n > 0).slice(0, 2).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
}
