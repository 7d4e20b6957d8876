import { describePushAcrossInstances } from '../testing/pushAcrossInstances.js';

// On SQLite: two Store connections to one file, their events joined as LISTEN/NOTIFY joins
// PostgreSQL's (store/postgres/pushAcrossInstances.test.ts runs the same on PostgreSQL).
describePushAcrossInstances('sqlite');
