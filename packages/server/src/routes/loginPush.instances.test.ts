import { describePushAcrossInstances } from '../testing/pushAcrossInstances.js';
import { testStoreKind } from '../testing/testStore.js';

// On SQLite two Store connections to one file, their events joined as LISTEN/NOTIFY joins
// PostgreSQL's; in the vitest project `postgres`, two pools on one database.
describePushAcrossInstances(testStoreKind);
