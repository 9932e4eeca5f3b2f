export { chainOf, NotAChainError, type Chain, type ChainStep } from './chain.js';
export { blame, describeHistory, historiesOf, prefixSnapshots, type BlameEvent, type BlameLocation, type ObjectHistory, type SnapshotOf } from './history.js';
export { blameNote } from './note.js';
export { objectsOf, type ObjectEntry } from './objects.js';
