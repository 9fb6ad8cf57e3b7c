// Entry of the distances CLI's worker threads: threads do not inherit tsx's loader, so it is
// registered here before loading the TypeScript worker (scripts/lib/distancesWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./distancesWorker.ts');
