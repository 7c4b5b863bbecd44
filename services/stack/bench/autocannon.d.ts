// The few parts of autocannon 9 this bench uses (the package ships no types, and @types/autocannon
// would be one more dependency for one script).
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p99: number };
  type Result = { requests: Histogram; latency: Histogram; '2xx': number; non2xx: number; errors: number; timeouts: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    setupClient?: (client: { setHeaders(headers: Record<string, string>): void }) => void;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
