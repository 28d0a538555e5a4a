/**
 * The engine harness: SevenRooms nodes run by n8n-core's own engine and contexts against the
 * sandbox, as n8n runs them (`workflows`), triggers in an active workflow (`triggers`), the
 * credentials n8n would hand them (`credentials`) and the node types a workflow may use (`nodeTypes`).
 */
export * from './credentials';
export * from './nodeTypes';
export * from './tools';
export * from './triggers';
export * from './workflows';
