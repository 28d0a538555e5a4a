/**
 * Node version 2's field mapping, in one place for the four operations that use it: the schema
 * per API (`fields`), tolerant column matching (`match`), reading an item's fields with the
 * ignored-column hint (`read`) and the `columns` parameter (`description`).
 */
export { AUTO_MAP_NOTICE, mapperProperties } from './description';
export { mappedFields, mapperIdOf } from './fields';
export type { MappedField, MappingTarget } from './fields';
export { autoMap, columnKey } from './match';
export { readMapped, usesMapper } from './read';
export type { MappedItem } from './read';
